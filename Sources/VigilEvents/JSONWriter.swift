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
