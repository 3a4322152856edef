extension Event {
  /// Appends `value` (a value of this event) as JSON: strings escaped, big numbers and objects as their original
  /// text.
  public func appendJSON(_ value: Value, to out: inout [UInt8]) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
    case .int(let number): JSONWriter.appendInt(number, to: &out)
    case .double(let number): JSONWriter.appendDouble(number, to: &out)
    case .string(let span): JSONWriter.appendString(bytes(span), to: &out)
    case .number(let span), .object(let span): out.append(contentsOf: bytes(span))
    }
  }

  /// Appends the values of `field` as JSON: a single value as itself, several as an array, none as `[]`.
  public func appendJSON(_ field: FieldID, to out: inout [UInt8]) {
    let values = Array(values(field))
    if values.count == 1 {
      appendJSON(values[0], to: &out)
      return
    }
    out.append(.openBracket)
    for (index, value) in values.enumerated() {
      if index > 0 { out.append(.comma) }
      appendJSON(value, to: &out)
    }
    out.append(.closeBracket)
  }
}
