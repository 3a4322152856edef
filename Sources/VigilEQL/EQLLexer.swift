/// Splits EQL source bytes into tokens, following Elasticsearch's `EqlBase.g4` lexer rules.
///
/// Whitespace and comments (`//` to end of line, nestable `/* */`) are skipped. The first unrecognised input stops
/// lexing with an ``EQLSyntaxError``.
struct EQLLexer {
  private let bytes: [UInt8]
  private var position = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// All tokens, ending with an `.end` token.
  static func tokenize(_ bytes: [UInt8]) throws(EQLSyntaxError) -> [EQLToken] {
    var lexer = EQLLexer(bytes: bytes)
    var tokens: [EQLToken] = []
    while true {
      let token = try lexer.next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    let index = position + offset
    return index < bytes.count ? bytes[index] : nil
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func isIdentifierPart(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")
  }

  private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

  private mutating func skipTrivia() throws(EQLSyntaxError) {
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        position += 1
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
        while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
        try skipBlockComment()
      default:
        return
      }
    }
  }

  private mutating func skipBlockComment() throws(EQLSyntaxError) {
    let start = position
    var depth = 0
    while position < bytes.count {
      if peek() == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
        depth += 1
        position += 2
      } else if peek() == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
        depth -= 1
        position += 2
        if depth == 0 { return }
      } else {
        position += 1
      }
    }
    throw EQLSyntaxError("eql.syntax", "unterminated block comment", at: start..<(start + 2))
  }

  mutating func next() throws(EQLSyntaxError) -> EQLToken {
    try skipTrivia()
    let start = position
    guard let byte = peek() else { return EQLToken(kind: .end, range: start..<start, value: "") }

    if Self.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "@") {
      return identifierOrKeyword()
    }
    if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
      return number()
    }
    switch byte {
    case UInt8(ascii: "\""):
      return try string()
    case UInt8(ascii: "`"):
      return try quotedIdentifier()
    case UInt8(ascii: "'"):
      let range = skipLegacyString(quote: byte, from: start)
      throw EQLSyntaxError(
        "eql.string", "use double quotes [\"] to define string literals, not single quotes [']", at: range)
    case UInt8(ascii: "?") where peek(1) == UInt8(ascii: "\"") || peek(1) == UInt8(ascii: "'"):
      let quote = peek(1)!
      let range = skipLegacyString(quote: quote, from: start, prefix: 2)
      let legacy = "?" + String(Character(Unicode.Scalar(quote)))
      throw EQLSyntaxError(
        "eql.string", "use triple double quotes [\"\"\"] to define unescaped string literals, not [\(legacy)]",
        at: range)
    default:
      break
    }
    return try symbol()
  }

  private mutating func identifierOrKeyword() -> EQLToken {
    let start = position
    position += 1
    while let byte = peek(), Self.isIdentifierPart(byte) { position += 1 }
    let name = text(start..<position)
    if peek() == UInt8(ascii: "~"), Self.isLetter(bytes[start]) {
      position += 1
      let spelled = name + "~"
      if let keyword = EQLKeyword(rawValue: spelled) {
        return EQLToken(kind: .keyword(keyword), range: start..<position, value: spelled)
      }
      return EQLToken(kind: .tildeIdentifier, range: start..<position, value: spelled)
    }
    if let keyword = EQLKeyword(rawValue: name) {
      return EQLToken(kind: .keyword(keyword), range: start..<position, value: name)
    }
    return EQLToken(kind: .identifier, range: start..<position, value: name)
  }

  private mutating func number() -> EQLToken {
    let start = position
    var isDecimal = false
    while let byte = peek(), Self.isDigit(byte) { position += 1 }
    if peek() == UInt8(ascii: ".") {
      isDecimal = true
      position += 1
      while let byte = peek(), Self.isDigit(byte) { position += 1 }
    }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      var lookahead = 1
      if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { lookahead = 2 }
      if let digit = peek(lookahead), Self.isDigit(digit) {
        isDecimal = true
        position += lookahead
        while let byte = peek(), Self.isDigit(byte) { position += 1 }
      }
    }
    let spelling = text(start..<position)
    return EQLToken(kind: isDecimal ? .decimal : .integer, range: start..<position, value: spelling)
  }

  private mutating func quotedIdentifier() throws(EQLSyntaxError) -> EQLToken {
    let start = position
    position += 1
    var name: [UInt8] = []
    while let byte = peek() {
      if byte == UInt8(ascii: "`") {
        if peek(1) == UInt8(ascii: "`") {
          name.append(byte)
          position += 2
          continue
        }
        position += 1
        return EQLToken(
          kind: .quotedIdentifier, range: start..<position, value: String(decoding: name, as: UTF8.self))
      }
      name.append(byte)
      position += 1
    }
    throw EQLSyntaxError("eql.syntax", "unterminated backquoted field name", at: start..<(start + 1))
  }

  /// Skips a legacy `'…'`, `?"…"` or `?'…'` string so that the error can underline all of it.
  private mutating func skipLegacyString(quote: UInt8, from start: Int, prefix: Int = 1) -> Range<Int> {
    position = start + prefix
    while let byte = peek(), byte != quote, byte != UInt8(ascii: "\n") {
      position += byte == UInt8(ascii: "\\") && peek(1) != nil && peek(1) != UInt8(ascii: "\n") ? 2 : 1
    }
    if peek() == quote { position += 1 }
    return start..<position
  }

  private mutating func string() throws(EQLSyntaxError) -> EQLToken {
    let start = position
    if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
      return try rawString()
    }
    position += 1
    var value: [UInt8] = []
    while let byte = peek() {
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return EQLToken(kind: .string, range: start..<position, value: String(decoding: value, as: UTF8.self))
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        throw EQLSyntaxError(
          "eql.string", "unterminated string: a string literal cannot span lines (use \\n)", at: start..<position)
      case UInt8(ascii: "\\"):
        try escape(into: &value)
      default:
        value.append(byte)
        position += 1
      }
    }
    throw EQLSyntaxError("eql.string", "unterminated string literal", at: start..<position)
  }

  /// `\b \t \n \f \r \" \' \\` and the byte each stands for.
  private static let simpleEscapes: [UInt8: UInt8] = [
    UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
    UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): 0x22, UInt8(ascii: "'"): 0x27, UInt8(ascii: "\\"): 0x5C,
  ]

  private mutating func escape(into value: inout [UInt8]) throws(EQLSyntaxError) {
    let start = position
    guard let next = peek(1) else {
      throw EQLSyntaxError("eql.string", "unterminated string literal", at: start..<(start + 1))
    }
    if let replacement = Self.simpleEscapes[next] {
      value.append(replacement)
      position += 2
      return
    }
    if next == UInt8(ascii: "u"), peek(2) == UInt8(ascii: "{") {
      position += 3
      let digitsStart = position
      while let byte = peek(), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\n") {
        position += 1
      }
      let digits = text(digitsStart..<position)
      guard peek() == UInt8(ascii: "}") else {
        throw EQLSyntaxError("eql.string", "unterminated unicode escape, expected `}`", at: start..<position)
      }
      position += 1
      let range = start..<position
      guard digits.allSatisfy(\.isHexDigit), !digits.isEmpty else {
        throw EQLSyntaxError("eql.string", "invalid unicode escape [\\u{\(digits)}]: expected hex digits", at: range)
      }
      guard (2...8).contains(digits.count) else {
        throw EQLSyntaxError(
          "eql.string",
          "unicode sequence should use [2-8] hex digits, [\\u{\(digits)}] has [\(digits.count)]", at: range)
      }
      guard let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) else {
        throw EQLSyntaxError("eql.string", "invalid unicode character code [\(digits)]", at: range)
      }
      value.append(contentsOf: Array(String(Character(scalar)).utf8))
      return
    }
    let shown = next < 0x80 ? String(Character(Unicode.Scalar(next))) : "…"
    throw EQLSyntaxError(
      "eql.string", "invalid escape sequence [\\\(shown)] in string literal", at: start..<(start + 2),
      notes: [
        "valid escapes are \\b \\t \\n \\f \\r \\\" \\' \\\\ and \\u{hex}; use a \"\"\"raw string\"\"\" for backslashes"
      ])
  }

  /// `"""…"""`: no escapes, no line breaks; up to two extra closing quotes belong to the value.
  private mutating func rawString() throws(EQLSyntaxError) -> EQLToken {
    let start = position
    position += 3
    let contentStart = position
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r") { break }
      if peek() == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
        var contentEnd = position
        position += 3
        for _ in 0..<2 where peek() == UInt8(ascii: "\"") {
          position += 1
          contentEnd += 1
        }
        return EQLToken(kind: .string, range: start..<position, value: text(contentStart..<contentEnd))
      }
      position += 1
    }
    throw EQLSyntaxError(
      "eql.string", "unterminated raw string: expected closing \"\"\" on the same line", at: start..<(start + 3))
  }

  private mutating func symbol() throws(EQLSyntaxError) -> EQLToken {
    let start = position
    let byte = bytes[position]
    let two: EQLSymbol? =
      switch (byte, peek(1)) {
      case (UInt8(ascii: "="), UInt8(ascii: "=")): .equal
      case (UInt8(ascii: "!"), UInt8(ascii: "=")): .notEqual
      case (UInt8(ascii: "<"), UInt8(ascii: "=")): .lessOrEqual
      case (UInt8(ascii: ">"), UInt8(ascii: "=")): .greaterOrEqual
      case (UInt8(ascii: "!"), UInt8(ascii: "[")): .missingOpen
      default: nil
      }
    if let two {
      position += 2
      return EQLToken(kind: .symbol(two), range: start..<position, value: two.rawValue)
    }
    if byte < 0x80, let one = EQLSymbol(rawValue: String(Character(Unicode.Scalar(byte)))) {
      position += 1
      return EQLToken(kind: .symbol(one), range: start..<position, value: one.rawValue)
    }
    // Report the whole (possibly multi-byte) character.
    var end = position + 1
    while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
    let character = text(start..<end)
    var notes: [String] = []
    if byte == UInt8(ascii: "!") { notes = ["use `not` for negation, `!=` for inequality, `![` for a missing event"] }
    if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") { notes = ["use `and` / `or`"] }
    throw EQLSyntaxError("eql.syntax", "unexpected character `\(character)`", at: start..<end, notes: notes)
  }
}
