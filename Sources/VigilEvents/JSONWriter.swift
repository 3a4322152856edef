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
    while true {
      let special = JSONStringBytes.firstSpecial(in: bytes, from: runStart)
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<special]))
      guard special < bytes.count else { break }
      appendEscape(bytes[special], to: &out)
      runStart = special + 1
    }
    out.append(.quote)
  }

  private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
    out.append(.backslash)
    switch byte {
    case .quote, .backslash: out.append(byte)
    case .newline: out.append(UInt8(ascii: "n"))
    case .carriageReturn: out.append(UInt8(ascii: "r"))
    case .tab: out.append(UInt8(ascii: "t"))
    default:
      // Another control character: `\u00` and two lower-case hex digits.
      out.append(contentsOf: "u00".utf8)
      for digit in [byte >> 4, byte & 0xF] { out.append(digit < 10 ? 0x30 + digit : 0x57 + digit) }
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
