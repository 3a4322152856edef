/// Turns query bytes into tokens on demand, from any byte offset, so the parser can switch to the special
/// lexical rules of `FROM` sources where it needs to.
struct ESQLLexer: Sendable {
  let bytes: [UInt8]

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// The offset of the first byte at or after `offset` that is not white space or a comment. An unterminated
  /// block comment runs to the end of the text; `unterminatedComment` then holds its start.
  func skipTrivia(from offset: Int) -> (offset: Int, unterminatedComment: Int?) {
    var index = offset
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        index += 1
      } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
      } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
        let start = index
        var depth = 0
        while index < bytes.count {
          if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
            depth += 1
            index += 2
          } else if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
            depth -= 1
            index += 2
            if depth == 0 { break }
          } else {
            index += 1
          }
        }
        if depth > 0 { return (bytes.count, start) }
      } else {
        break
      }
    }
    return (index, nil)
  }

  /// The expression-mode token starting at the first non-trivia byte at or after `offset`.
  func token(at offset: Int) -> ESQLToken {
    let (start, unterminated) = skipTrivia(from: offset)
    if let unterminated {
      return ESQLToken(kind: .invalid("unterminated comment"), range: unterminated..<(unterminated + 2))
    }
    guard start < bytes.count else { return ESQLToken(kind: .end, range: start..<start) }
    let byte = bytes[start]
    func make(_ kind: ESQLToken.Kind, _ length: Int) -> ESQLToken {
      ESQLToken(kind: kind, range: start..<(start + length))
    }
    func next(_ distance: Int) -> UInt8? {
      start + distance < bytes.count ? bytes[start + distance] : nil
    }
    switch byte {
    case UInt8(ascii: "|"): return make(.pipe, 1)
    case UInt8(ascii: ","): return make(.comma, 1)
    case UInt8(ascii: "("): return make(.leftParen, 1)
    case UInt8(ascii: ")"): return make(.rightParen, 1)
    case UInt8(ascii: "["): return make(.leftBracket, 1)
    case UInt8(ascii: "]"): return make(.rightBracket, 1)
    case UInt8(ascii: "{"): return make(.leftBrace, 1)
    case UInt8(ascii: "}"): return make(.rightBrace, 1)
    case UInt8(ascii: "+"): return make(.plus, 1)
    case UInt8(ascii: "-"): return make(.minus, 1)
    case UInt8(ascii: "*"): return make(.star, 1)
    case UInt8(ascii: "/"): return make(.slash, 1)
    case UInt8(ascii: "%"): return make(.percent, 1)
    case UInt8(ascii: ":"): return next(1) == UInt8(ascii: ":") ? make(.cast, 2) : make(.colon, 1)
    case UInt8(ascii: "="):
      if next(1) == UInt8(ascii: "=") { return make(.equal, 2) }
      if next(1) == UInt8(ascii: "~") { return make(.equalIgnoringCase, 2) }
      return make(.assign, 1)
    case UInt8(ascii: "!"):
      return next(1) == UInt8(ascii: "=") ? make(.notEqual, 2) : make(.invalid("unexpected character '!'"), 1)
    case UInt8(ascii: "<"): return next(1) == UInt8(ascii: "=") ? make(.lessOrEqual, 2) : make(.less, 1)
    case UInt8(ascii: ">"): return next(1) == UInt8(ascii: "=") ? make(.greaterOrEqual, 2) : make(.greater, 1)
    case UInt8(ascii: "?"):
      var end = start + 1
      while end < bytes.count, Self.isIdentifierBody(bytes[end]) { end += 1 }
      return ESQLToken(kind: .parameter, range: start..<end)
    case UInt8(ascii: "\""): return string(at: start)
    case UInt8(ascii: "`"): return quotedIdentifier(at: start)
    case UInt8(ascii: "."):
      if let digit = next(1), Self.isDigit(digit) { return number(at: start) }
      return make(.dot, 1)
    default:
      if Self.isDigit(byte) { return number(at: start) }
      if Self.isLetter(byte)
        || ((byte == UInt8(ascii: "_") || byte == UInt8(ascii: "@"))
          && next(1).map(Self.isIdentifierBody) == true)
      {
        var end = start + 1
        while end < bytes.count, Self.isIdentifierBody(bytes[end]) { end += 1 }
        return ESQLToken(kind: .word, range: start..<end)
      }
      let length = Self.scalarLength(startingWith: byte)
      let text = String(decoding: bytes[start..<min(bytes.count, start + length)], as: UTF8.self)
      return ESQLToken(
        kind: .invalid("unexpected character '\(text)'"), range: start..<min(bytes.count, start + length))
    }
  }

  /// `DIGIT+`, `DIGIT+ . DIGIT*`, `. DIGIT+`, each with an optional exponent `e[+-]DIGIT+`.
  private func number(at start: Int) -> ESQLToken {
    var end = start
    var isDecimal = false
    while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
    if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
      isDecimal = true
      end += 1
      while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
    }
    if end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "e") {
      var probe = end + 1
      if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
      if probe < bytes.count, Self.isDigit(bytes[probe]) {
        isDecimal = true
        end = probe
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
      }
    }
    return ESQLToken(kind: isDecimal ? .decimal : .integer, range: start..<end)
  }

  /// `"…"` with `\t \n \r \" \\` escapes and no line breaks, or `"""…"""` taken verbatim (up to two further
  /// quotes right after the closing triple belong to the content, as in Elasticsearch).
  private func string(at start: Int) -> ESQLToken {
    let quote = UInt8(ascii: "\"")
    if start + 2 < bytes.count, bytes[start + 1] == quote, bytes[start + 2] == quote {
      var index = start + 3
      while index < bytes.count {
        if bytes[index] == 0x0A || bytes[index] == 0x0D { break }
        if bytes[index] == quote, index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote {
          var end = index + 3
          var extra = 0
          while extra < 2, end < bytes.count, bytes[end] == quote {
            end += 1
            extra += 1
          }
          let content = String(decoding: bytes[(start + 3)..<(end - 3)], as: UTF8.self)
          return ESQLToken(kind: .string(content), range: start..<end)
        }
        index += 1
      }
      return ESQLToken(kind: .invalid("unterminated triple-quoted string"), range: start..<(start + 3))
    }
    var content: [UInt8] = []
    var index = start + 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == quote {
        return ESQLToken(kind: .string(String(decoding: content, as: UTF8.self)), range: start..<(index + 1))
      }
      if byte == 0x0A || byte == 0x0D { break }
      if byte == UInt8(ascii: "\\") {
        guard index + 1 < bytes.count else { break }
        switch bytes[index + 1] {
        case UInt8(ascii: "t"): content.append(0x09)
        case UInt8(ascii: "n"): content.append(0x0A)
        case UInt8(ascii: "r"): content.append(0x0D)
        case UInt8(ascii: "\""): content.append(quote)
        case UInt8(ascii: "\\"): content.append(UInt8(ascii: "\\"))
        default:
          let length = Self.scalarLength(startingWith: bytes[index + 1])
          let text = String(decoding: bytes[index..<min(bytes.count, index + 1 + length)], as: UTF8.self)
          return ESQLToken(
            kind: .invalid("invalid escape sequence '\(text)' (use \\\\ for a backslash, or a \"\"\" string)"),
            range: index..<min(bytes.count, index + 1 + length))
        }
        index += 2
        continue
      }
      content.append(byte)
      index += 1
    }
    return ESQLToken(kind: .invalid("unterminated string"), range: start..<(start + 1))
  }

  /// `` `…` `` with ``` `` ``` standing for one backquote.
  private func quotedIdentifier(at start: Int) -> ESQLToken {
    var content: [UInt8] = []
    var index = start + 1
    let backquote = UInt8(ascii: "`")
    while index < bytes.count {
      if bytes[index] == backquote {
        if index + 1 < bytes.count, bytes[index + 1] == backquote {
          content.append(backquote)
          index += 2
          continue
        }
        if content.isEmpty {
          return ESQLToken(kind: .invalid("empty quoted identifier"), range: start..<(index + 1))
        }
        return ESQLToken(
          kind: .quotedIdentifier(String(decoding: content, as: UTF8.self)), range: start..<(index + 1))
      }
      content.append(bytes[index])
      index += 1
    }
    return ESQLToken(kind: .invalid("unterminated quoted identifier"), range: start..<(start + 1))
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  static func isIdentifierBody(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") }

  /// The byte length of the UTF-8 sequence a lead byte starts.
  static func scalarLength(startingWith byte: UInt8) -> Int {
    if byte < 0x80 { return 1 }
    if byte >= 0xF0 { return 4 }
    if byte >= 0xE0 { return 3 }
    if byte >= 0xC0 { return 2 }
    return 1
  }
}
