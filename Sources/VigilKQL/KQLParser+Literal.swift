extension KQLParser {
  /// `Literal = QuotedString / UnquotedLiteral`, or `nil` when no literal starts at the offset.
  mutating func literal() throws(KQLSyntaxError) -> KQLLiteral? {
    scanner.byte(at: offset) == UInt8(ascii: "\"") ? try quotedString() : unquotedLiteral()
  }

  /// `'"' QuotedCharacter* '"'`: `\"` and `\\` stand for themselves, `\t` `\r` `\n` and `\uXXXX` for the
  /// characters they name; any other backslash is kept as written (so `"C:\Windows"` means `C:\Windows`).
  mutating func quotedString() throws(KQLSyntaxError) -> KQLLiteral {
    let start = offset
    var units: [UInt16] = []
    offset += 1
    while true {
      guard let byte = scanner.byte(at: offset) else {
        throw KQLSyntaxError(
          id: KQLDiagnosticID.unterminatedString, message: "unterminated quoted string", range: start..<start + 1,
          notes: ["expected a closing '\"' before the end of the query"])
      }
      if byte == UInt8(ascii: "\"") { break }
      if byte == UInt8(ascii: "\\"), let escaped = escapedWhitespace(at: offset) {
        units.append(escaped)
        offset += 2
      } else if let unit = scanner.unicodeEscape(at: offset) {
        units.append(unit)
        offset += 6
      } else if byte == UInt8(ascii: "\\"),
        let next = scanner.byte(at: offset + 1), next == UInt8(ascii: "\\") || next == UInt8(ascii: "\"")
      {
        units.append(UInt16(next))
        offset += 2
      } else {
        appendCharacter(to: &units)
      }
    }
    offset += 1
    let text = String(decoding: units, as: UTF16.self)
    return KQLLiteral(parts: [.text(text)], isQuoted: true, raw: scanner.text(start..<offset), range: start..<offset)
  }

  /// `UnquotedCharacter+`, trimmed: escapes resolved, `*` a wildcard, ending before a special character, an
  /// invalid escape, or a keyword (`Space or Space`, `Space and Space`, `not Space`).
  mutating func unquotedLiteral() -> KQLLiteral? {
    let start = offset
    var parts: [KQLLiteral.Part] = []
    var units: [UInt16] = []
    func flush() {
      if !units.isEmpty { parts.append(.text(String(decoding: units, as: UTF16.self))) }
      units.removeAll()
    }
    while let byte = scanner.byte(at: offset) {
      if byte == UInt8(ascii: "\\") {
        guard let (escaped, length) = unquotedEscape(at: offset) else { break }
        units.append(contentsOf: escaped)
        offset += length
      } else if byte == UInt8(ascii: "*") {
        flush()
        parts.append(.wildcard)
        offset += 1
      } else if KQLScanner.isSpecial(byte) || scanner.isKeyword(at: offset) {
        break
      } else {
        appendCharacter(to: &units)
      }
    }
    flush()
    guard offset > start else { return nil }
    return KQLLiteral(
      parts: Self.trimmed(parts), isQuoted: false, raw: scanner.text(trimmedRange(start..<offset)),
      range: trimmedRange(start..<offset))
  }

  /// One escape in an unquoted literal, tried in the grammar's order: whitespace (`\t` `\r` `\n`), a special
  /// character, `\uXXXX`, then a keyword (`\or`, `\and`, `\not`, kept as written; `\not` is in fact read as `\n`
  /// followed by `ot`, as in Kibana). `nil` when the backslash starts no escape.
  func unquotedEscape(at offset: Int) -> (units: [UInt16], length: Int)? {
    if let unit = escapedWhitespace(at: offset) { return ([unit], 2) }
    if let next = scanner.byte(at: offset + 1), KQLScanner.isSpecial(next) { return ([UInt16(next)], 2) }
    if let unit = scanner.unicodeEscape(at: offset) { return ([unit], 6) }
    for word: StaticString in ["or", "and", "not"] where scanner.hasWord(word, at: offset + 1) {
      let range = (offset + 1)..<(offset + 1 + word.utf8CodeUnitCount)
      return (Array(scanner.text(range).utf16), 1 + range.count)
    }
    return nil
  }

  /// `\t`, `\r` or `\n` at `offset`, as the character it stands for.
  func escapedWhitespace(at offset: Int) -> UInt16? {
    guard scanner.byte(at: offset) == UInt8(ascii: "\\") else { return nil }
    switch scanner.byte(at: offset + 1) {
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "n"): return 0x0A
    default: return nil
    }
  }

  /// Appends the UTF-16 of the character at `offset` (an ASCII byte as it is) and steps over it.
  private mutating func appendCharacter(to units: inout [UInt16]) {
    if let byte = scanner.byte(at: offset), byte < 0x80 {
      units.append(UInt16(byte))
      offset += 1
    } else {
      let (scalar, length) = scanner.scalar(at: offset)
      units.append(contentsOf: UTF16.encode(scalar)!)
      offset += length
    }
  }

  /// Kibana trims the joined characters of an unquoted literal (escaped whitespace included), so only the first and
  /// last text parts lose whitespace.
  static func trimmed(_ parts: [KQLLiteral.Part]) -> [KQLLiteral.Part] {
    var parts = parts
    if case .text(let text)? = parts.first, let first = text.unicodeScalars.first, KQLScanner.isTrimmable(first) {
      parts[0] = .text(String(String.UnicodeScalarView(text.unicodeScalars.drop(while: KQLScanner.isTrimmable))))
    }
    if case .text(let text)? = parts.last, let last = text.unicodeScalars.last, KQLScanner.isTrimmable(last) {
      let scalars = text.unicodeScalars
      var end = scalars.endIndex
      while end > scalars.startIndex, KQLScanner.isTrimmable(scalars[scalars.index(before: end)]) {
        end = scalars.index(before: end)
      }
      parts[parts.count - 1] = .text(String(scalars[..<end]))
    }
    return parts
  }

  /// A raw range without the unescaped whitespace at either end.
  func trimmedRange(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    while lower < range.upperBound {
      let (scalar, length) = scanner.scalar(at: lower)
      guard KQLScanner.isTrimmable(scalar) else { break }
      lower += length
    }
    var upper = range.upperBound
    while upper > lower {
      var start = upper - 1
      while start > lower, scanner.bytes[start] & 0xC0 == 0x80 { start -= 1 }
      guard KQLScanner.isTrimmable(scanner.scalar(at: start).scalar) else { break }
      upper = start
    }
    return lower..<upper
  }
}
