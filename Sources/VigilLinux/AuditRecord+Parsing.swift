extension AuditRecord {
  /// Parses one log line; `nil` when it is not an audit record (no `type=` or no `msg=audit(...)`).
  public static func parse(_ line: Substring) -> AuditRecord? {
    var scanner = Scanner(bytes: Array(line.utf8))
    var type: String?
    var node: String?
    var stamp: (Int64, UInt64)?
    var fields: [Field] = []
    while let field = scanner.next() {
      if stamp == nil {
        switch field.name {
        case "node":
          node = field.value
          continue
        case "type":
          type = field.value
          continue
        case "msg" where field.value.hasPrefix("audit("):
          guard let parsed = parseStamp(field.value) else { return nil }
          stamp = parsed
          continue
        default: break
        }
      }
      if field.name == "msg", field.quoted, stamp != nil {
        // User-space records nest their fields in msg='...'; keep the whole and its parts.
        fields.append(field)
        var inner = Scanner(bytes: Array(field.value.utf8))
        while let nested = inner.next() { fields.append(nested) }
        continue
      }
      fields.append(field)
    }
    guard let type, let stamp else { return nil }
    return AuditRecord(type: type, timestampMilliseconds: stamp.0, serial: stamp.1, node: node, fields: fields)
  }

  /// `audit(1700000000.123:456):` to milliseconds and serial.
  static func parseStamp(_ text: String) -> (Int64, UInt64)? {
    var body = text.dropFirst("audit(".count)
    while let last = body.last, last == ":" || last == ")" { body = body.dropLast() }
    let parts = body.split(separator: ":")
    guard parts.count == 2, let serial = UInt64(parts[1]) else { return nil }
    let time = parts[0].split(separator: ".", omittingEmptySubsequences: false)
    guard let seconds = Int64(time[0]) else { return nil }
    var milliseconds: Int64 = 0
    if time.count == 2 {
      let digits = time[1].prefix(3)
      guard let value = Int64(digits) else { return nil }
      milliseconds = value * Int64([100, 10, 1][max(0, digits.count - 1)])
    }
    return (seconds * 1000 + milliseconds, serial)
  }

  /// Splits `key=value key="quoted value" key='single quoted'` into fields; 0x1D separates enriched fields.
  struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() -> Field? {
      while true {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let keyStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "="), !Self.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }  // a bare word: skip it
        let name = String(decoding: bytes[keyStart..<index], as: UTF8.self)
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
          let quote = bytes[index]
          index += 1
          let start = index
          while index < bytes.count, bytes[index] != quote { index += 1 }
          let value = String(decoding: bytes[start..<index], as: UTF8.self)
          if index < bytes.count { index += 1 }
          return Field(name: name, value: value, quoted: true)
        }
        let start = index
        while index < bytes.count, !Self.isSpace(bytes[index]) { index += 1 }
        return Field(name: name, value: String(decoding: bytes[start..<index], as: UTF8.self), quoted: false)
      }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x1D || byte == UInt8(ascii: "\r")
    }
  }
}
