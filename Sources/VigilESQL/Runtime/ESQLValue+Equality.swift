extension ESQLValue {
  /// Values are equal as Elasticsearch finds them equal when it groups rows or counts distinct values: strings (and
  /// `_source` texts) when their UTF-8 bytes are, not when they are merely canonically equivalent (`"\u{e9}"` and
  /// `"e\u{301}"` are two keywords); everything else by value.
  public static func == (lhs: ESQLValue, rhs: ESQLValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.boolean(let a), .boolean(let b)): a == b
    case (.integer(let a), .integer(let b)): a == b
    case (.double(let a), .double(let b)): a == b
    case (.string(let a), .string(let b)), (.source(let a), .source(let b)):
      a.utf8.count == b.utf8.count && byteOrder(a, b) == 0
    case (.date(let a), .date(let b)): a == b
    case (.ip(let a), .ip(let b)): a == b
    case (.geoPoint(let a, let b), .geoPoint(let c, let d)): a == c && b == d
    case (.timeSpan(let a, let b), .timeSpan(let c, let d)): a == c && b == d
    case (.multi(let a), .multi(let b)): a == b
    default: false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .boolean(let flag): hasher.combine(flag)
    case .integer(let number): hasher.combine(number)
    case .double(let number): hasher.combine(number)
    case .string(let text), .source(let text): Self.hashBytes(of: text, into: &hasher)
    case .date(let time): hasher.combine(time)
    case .ip(let address): hasher.combine(address)
    case .geoPoint(let longitude, let latitude):
      hasher.combine(longitude)
      hasher.combine(latitude)
    case .timeSpan(let count, let unit):
      hasher.combine(count)
      hasher.combine(unit)
    case .multi(let values): hasher.combine(values)
    }
  }

  /// Feeds the text's UTF-8 bytes and their count (so that consecutive texts hash apart) to the hasher.
  private static func hashBytes(of text: String, into hasher: inout Hasher) {
    let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    if hashed == nil {
      for byte in text.utf8 { hasher.combine(byte) }
    }
    hasher.combine(text.utf8.count)
  }
}
