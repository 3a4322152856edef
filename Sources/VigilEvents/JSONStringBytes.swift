/// Finds the bytes a JSON string cannot hold as they are (`"`, `\`, control characters), eight bytes at a time:
/// for the decoder, the alert parser and the writer.
public enum JSONStringBytes {
  /// High bit set in each byte of `word` that is `"`, `\` or a control character (exact for the lowest such byte).
  @inline(__always)
  public static func specialMask(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let quotes = word ^ (ones &* 0x22)
    let slashes = word ^ (ones &* 0x5C)
    let zeroQuote = (quotes &- ones) & ~quotes
    let zeroSlash = (slashes &- ones) & ~slashes
    let control = (word &- ones &* 0x20) & ~word
    return (zeroQuote | zeroSlash | control) & highs
  }

  /// Where the string whose body starts at `start` ends: the offset of its closing quote, the first not escaped, and
  /// whether it has escapes; `nil` at a raw control character or the end of `bytes`. Escapes are not checked.
  public static func closingQuote(in bytes: UnsafeRawBufferPointer, from start: Int) -> (offset: Int, escaped: Bool)? {
    var close = firstSpecial(in: bytes, from: start)
    var escaped = false
    while close < bytes.count, bytes[close] != UInt8(ascii: "\"") {
      guard bytes[close] == UInt8(ascii: "\\") else { return nil }
      escaped = true
      close = firstSpecial(in: bytes, from: close + 2)
    }
    return close < bytes.count ? (close, escaped) : nil
  }

  /// The offset of the first `"`, `\` or control character in `bytes` at or after `start`, or `bytes.count`.
  @inline(__always)
  public static func firstSpecial(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
    var offset = start
    while offset + 8 <= bytes.count {
      let mask = specialMask(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
      if mask != 0 { return offset + mask.trailingZeroBitCount >> 3 }
      offset += 8
    }
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte < 0x20 || byte == 0x22 || byte == 0x5C { return offset }
      offset += 1
    }
    return offset
  }
}
