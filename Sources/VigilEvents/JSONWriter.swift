/// Appends JSON text to a byte buffer: the helpers the sinks use to write alerts around original documents.
public enum JSONWriter {
  /// Appends `bytes` (UTF-8) as a JSON string, quoted, escaping `"`, `\` and control characters.
  public static func appendString<C: Collection<UInt8>>(_ bytes: C, to out: inout [UInt8]) {
    out.append(.quote)
    for byte in bytes {
      switch byte {
      case .quote: out.append(contentsOf: [.backslash, .quote])
      case .backslash: out.append(contentsOf: [.backslash, .backslash])
      case .newline: out.append(contentsOf: [.backslash, UInt8(ascii: "n")])
      case .carriageReturn: out.append(contentsOf: [.backslash, UInt8(ascii: "r")])
      case .tab: out.append(contentsOf: [.backslash, UInt8(ascii: "t")])
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [.backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(.quote)
  }

  /// Appends `text` as a JSON string.
  public static func appendString(_ text: String, to out: inout [UInt8]) {
    appendString(text.utf8, to: &out)
  }

  /// Appends a JSON number for `value`.
  public static func appendInt(_ value: Int64, to out: inout [UInt8]) {
    out.append(contentsOf: String(value).utf8)
  }

  /// Appends a JSON number for `value` (shortest form that reads back the same; `null` if not finite).
  public static func appendDouble(_ value: Double, to out: inout [UInt8]) {
    guard value.isFinite else {
      out.append(contentsOf: "null".utf8)
      return
    }
    out.append(contentsOf: value.description.utf8)
  }
}

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
