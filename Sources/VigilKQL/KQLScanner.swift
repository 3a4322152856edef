/// Character classes and lookaheads of Kibana's KQL grammar over UTF-8 bytes.
///
/// KQL has no separate token stream: whether a space ends a value depends on the word after it (`a:b or c` is two
/// values, `a:b or` is one), so the parser asks the scanner about positions instead of reading tokens.
struct KQLScanner: Sendable {
  let bytes: [UInt8]

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  var count: Int { bytes.count }

  func byte(at offset: Int) -> UInt8? {
    offset < bytes.count ? bytes[offset] : nil
  }

  /// Length of the grammar's whitespace (`[ \t\r\n\u00A0]`) at `offset`, or `nil`.
  func spaceLength(at offset: Int) -> Int? {
    guard let byte = byte(at: offset) else { return nil }
    switch byte {
    case 0x20, 0x09, 0x0D, 0x0A: return 1
    case 0xC2 where self.byte(at: offset + 1) == 0xA0: return 2
    default: return nil
    }
  }

  /// The offset after any whitespace at `offset`.
  func skippingSpaces(from offset: Int) -> Int {
    var offset = offset
    while let length = spaceLength(at: offset) { offset += length }
    return offset
  }

  /// Whether `word` (lower-case ASCII) is at `offset`, ignoring case.
  func hasWord(_ word: StaticString, at offset: Int) -> Bool {
    let length = word.utf8CodeUnitCount
    guard offset + length <= bytes.count else { return false }
    return word.withUTF8Buffer { letters in
      for index in 0..<length where bytes[offset + index] | 0x20 != letters[index] { return false }
      return true
    }
  }

  /// `Space+ word Space+` (the `or`/`and` operators): the offset after the trailing spaces, or `nil`.
  func binaryKeyword(_ word: StaticString, at offset: Int) -> (keyword: Range<Int>, end: Int)? {
    let start = skippingSpaces(from: offset)
    guard start > offset, hasWord(word, at: start) else { return nil }
    let wordEnd = start + word.utf8CodeUnitCount
    let end = skippingSpaces(from: wordEnd)
    return end > wordEnd ? (start..<wordEnd, end) : nil
  }

  /// `not Space+`: the offset after the spaces, or `nil`.
  func notKeyword(at offset: Int) -> (keyword: Range<Int>, end: Int)? {
    guard hasWord("not", at: offset) else { return nil }
    let end = skippingSpaces(from: offset + 3)
    return end > offset + 3 ? (offset..<offset + 3, end) : nil
  }

  /// The grammar's `Keyword` lookahead, which ends an unquoted literal: `Space or Space`, `Space and Space`, or
  /// `not Space` (the latter anywhere, even inside a word).
  func isKeyword(at offset: Int) -> Bool {
    if hasWord("not", at: offset), spaceLength(at: offset + 3) != nil { return true }
    guard let space = spaceLength(at: offset) else { return false }
    let word = offset + space
    if hasWord("or", at: word), spaceLength(at: word + 2) != nil { return true }
    if hasWord("and", at: word), spaceLength(at: word + 3) != nil { return true }
    return false
  }

  /// The grammar's special characters, which an unquoted literal may hold only escaped: `\ ( ) : < > " * { }`.
  static func isSpecial(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "\\"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ":"), UInt8(ascii: "<"),
      UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "*"), UInt8(ascii: "{"), UInt8(ascii: "}"):
      true
    default:
      false
    }
  }

  /// `\uXXXX` at `offset` (backslash included): the UTF-16 code unit, or `nil`.
  func unicodeEscape(at offset: Int) -> UInt16? {
    guard byte(at: offset) == UInt8(ascii: "\\"), byte(at: offset + 1) == UInt8(ascii: "u"),
      offset + 6 <= bytes.count
    else { return nil }
    var value: UInt16 = 0
    for index in (offset + 2)..<(offset + 6) {
      guard let digit = Self.hexValue(bytes[index]) else { return nil }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// The Unicode scalar starting at `offset` and its length in bytes (invalid UTF-8 reads as U+FFFD, one byte).
  func scalar(at offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
    let lead = bytes[offset]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    if length > 1, offset + length <= bytes.count {
      var decoder = UTF8()
      var iterator = bytes[offset..<(offset + length)].makeIterator()
      if case .scalarValue(let scalar) = decoder.decode(&iterator) { return (scalar, length) }
    }
    return ("\u{FFFD}", 1)
  }

  /// The text of a byte range.
  func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// Whether a scalar is whitespace to JavaScript's `String.prototype.trim`, which Kibana applies to unquoted
  /// literals.
  static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
    default: false
    }
  }
}
