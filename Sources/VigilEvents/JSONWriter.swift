/// Appends JSON text to a byte buffer: the helpers the sinks use to write alerts around original documents.
public enum JSONWriter {
  /// Appends `bytes` (UTF-8) as a JSON string, quoted, escaping `"`, `\` and control characters.
  public static func appendString<C: Collection<UInt8>>(_ bytes: C, to out: inout [UInt8]) {
    let copied: Void? = bytes.withContiguousStorageIfAvailable { appendString(UnsafeRawBufferPointer($0), to: &out) }
    guard copied == nil else { return }
    Array(bytes).withUnsafeBytes { appendString($0, to: &out) }
  }

  /// Appends `bytes` as a JSON string: runs of bytes that need no escape are copied whole.
  public static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    out.append(.quote)
    var runStart = 0
    for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == .quote || byte == .backslash {
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
      appendEscape(byte, to: &out)
      runStart = index + 1
    }
    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart...]))
    out.append(.quote)
  }

  private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
    switch byte {
    case .quote: out.append(contentsOf: [.backslash, .quote])
    case .backslash: out.append(contentsOf: [.backslash, .backslash])
    case .newline: out.append(contentsOf: [.backslash, UInt8(ascii: "n")])
    case .carriageReturn: out.append(contentsOf: [.backslash, UInt8(ascii: "r")])
    case .tab: out.append(contentsOf: [.backslash, UInt8(ascii: "t")])
    default:
      let hex = Array("0123456789abcdef".utf8)
      out.append(contentsOf: [.backslash, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
      out.append(hex[Int(byte >> 4)])
      out.append(hex[Int(byte & 0xF)])
    }
  }

  /// Appends `text` as a JSON string.
  public static func appendString(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &out) }
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
