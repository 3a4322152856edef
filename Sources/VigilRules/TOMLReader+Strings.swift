// Strings of the TOML reader: the four kinds of string, escapes and UTF-8 checks.

extension TOMLReader {
  // MARK: Strings

  /// How many bytes the UTF-8 sequence at an offset has, or 0 when it is not valid UTF-8.
  func utf8Length(at index: Int) -> Int {
    let lead = at(index)
    @inline(__always) func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      let byte = at(index + offset)
      return byte >= low && byte <= high
    }
    switch lead {
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
    case 0xE1...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }

  func utf8Sequence(at index: Int) throws(TOMLSyntaxError) -> Int {
    let length = utf8Length(at: index)
    guard length > 0 else { throw fail("invalid UTF-8", at: index) }
    return length
  }

  static func codePoint(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
  }

  /// Throws for a byte that cannot appear as such in a string (`isControl` bytes and the end of the file).
  func stringProblem(at index: Int, opening: Int, multiline: Bool) -> TOMLSyntaxError {
    if index >= end { return fail("the string is not closed", at: opening) }
    let byte = bytes[index]
    if !multiline, byte == TOMLASCII.newline || byte == TOMLASCII.carriageReturn {
      return fail("the string is not closed on its line (use a multi-line string for text with newlines)", at: opening)
    }
    if byte == TOMLASCII.carriageReturn {
      return fail("a carriage return must be followed by a line feed", at: index)
    }
    return fail("control character \(Self.codePoint(byte)) must be escaped in a string", at: index)
  }

  /// A string from the bytes `start..<stop`, after whatever `scratch` holds when `decoded`.
  mutating func makeString(from start: Int, to stop: Int, decoded: Bool) -> String {
    guard decoded else { return String(decoding: bytes[start..<stop], as: UTF8.self) }
    scratch.append(contentsOf: bytes[start..<stop])
    return String(decoding: scratch, as: UTF8.self)
  }

  /// Reads `"basic"` from its opening quote.
  mutating func readBasicString() throws(TOMLSyntaxError) -> String {
    let opening = offset
    offset += 1
    var segment = offset
    var decoded = false
    let classes = TOMLByteClass.table
    while true {
      while offset < end, classes[Int(bytes[offset])] & TOMLByteClass.basic != 0 { offset += 1 }
      let byte = at(offset)
      if byte == TOMLASCII.quote {
        let string = makeString(from: segment, to: offset, decoded: decoded)
        offset += 1
        return string
      } else if byte == TOMLASCII.backslash {
        if !decoded {
          scratch.removeAll(keepingCapacity: true)
          decoded = true
        }
        scratch.append(contentsOf: bytes[segment..<offset])
        try readEscape()
        segment = offset
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == TOMLASCII.tab {
        offset += 1
      } else {
        throw stringProblem(at: offset, opening: opening, multiline: false)
      }
    }
  }

  /// Reads `'literal'` from its opening quote.
  mutating func readLiteralString() throws(TOMLSyntaxError) -> String {
    let opening = offset
    offset += 1
    let start = offset
    let classes = TOMLByteClass.table
    while true {
      while offset < end, classes[Int(bytes[offset])] & TOMLByteClass.literal != 0 { offset += 1 }
      let byte = at(offset)
      if byte == TOMLASCII.apostrophe {
        offset += 1
        return String(decoding: bytes[start..<offset - 1], as: UTF8.self)
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == TOMLASCII.tab {
        offset += 1
      } else {
        throw stringProblem(at: offset, opening: opening, multiline: false)
      }
    }
  }

  /// Reads a `"""multi-line basic"""` or `'''multi-line literal'''` string from its opening quotes, and sets
  /// `contentStart` after the newline that directly follows the opening quotes, which is not part of the string.
  mutating func readMultilineString(quote: UInt8) throws(TOMLSyntaxError) -> String {
    let opening = offset
    let escapes = quote == TOMLASCII.quote
    offset += 3
    if at(offset) == TOMLASCII.newline {
      offset += 1
    } else if at(offset) == TOMLASCII.carriageReturn, at(offset + 1) == TOMLASCII.newline {
      offset += 2
    }
    contentStart = offset
    var segment = offset
    var decoded = false
    let classes = TOMLByteClass.table
    let plain = escapes ? TOMLByteClass.multilineBasic : TOMLByteClass.multilineLiteral
    while true {
      while offset < end, classes[Int(bytes[offset])] & plain != 0 { offset += 1 }
      let byte = at(offset)
      if byte == quote {
        guard at(offset + 1) == quote, at(offset + 2) == quote else {
          offset += 1
          continue
        }
        // Up to two quotes may come right before the closing three: `""""` ends with a quote in the content.
        var run = 3
        while run < 5, at(offset + run) == quote { run += 1 }
        let string = makeString(from: segment, to: offset + run - 3, decoded: decoded)
        offset += run
        return string
      } else if byte == TOMLASCII.backslash {
        guard escapes else {
          offset += 1
          continue
        }
        if !decoded {
          scratch.removeAll(keepingCapacity: true)
          decoded = true
        }
        scratch.append(contentsOf: bytes[segment..<offset])
        if try !skipLineEndingBackslash() { try readEscape() }
        segment = offset
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == TOMLASCII.carriageReturn, at(offset + 1) == TOMLASCII.newline {
        // Read `\r\n` as `\n`.
        if !decoded {
          scratch.removeAll(keepingCapacity: true)
          decoded = true
        }
        scratch.append(contentsOf: bytes[segment..<offset])
        scratch.append(TOMLASCII.newline)
        offset += 2
        segment = offset
      } else {
        throw stringProblem(at: offset, opening: opening, multiline: true)
      }
    }
  }

  /// At a backslash in a multi-line basic string: when it ends its line (blanks may follow it), skips it and all
  /// the blanks and newlines after it, and returns true.
  mutating func skipLineEndingBackslash() throws(TOMLSyntaxError) -> Bool {
    var index = offset + 1
    while at(index) == TOMLASCII.space || at(index) == TOMLASCII.tab { index += 1 }
    switch at(index) {
    case TOMLASCII.newline: index += 1
    case TOMLASCII.carriageReturn where at(index + 1) == TOMLASCII.newline: index += 2
    default:
      if index > offset + 1 {
        throw fail("invalid escape: a backslash followed by blanks must end its line", at: offset)
      }
      return false
    }
    while true {
      switch at(index) {
      case TOMLASCII.space, TOMLASCII.tab, TOMLASCII.newline: index += 1
      case TOMLASCII.carriageReturn where at(index + 1) == TOMLASCII.newline: index += 2
      default:
        offset = index
        return true
      }
    }
  }

  /// Reads an escape sequence at `offset` into `scratch`.
  mutating func readEscape() throws(TOMLSyntaxError) {
    let start = offset
    let simple: UInt8
    switch at(offset + 1) {
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "t"): simple = TOMLASCII.tab
    case UInt8(ascii: "n"): simple = TOMLASCII.newline
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "r"): simple = TOMLASCII.carriageReturn
    case TOMLASCII.quote: simple = TOMLASCII.quote
    case TOMLASCII.backslash: simple = TOMLASCII.backslash
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let digits = at(offset + 1) == UInt8(ascii: "u") ? 4 : 8
      var scalar: UInt32 = 0
      for index in 0..<digits {
        guard let digit = Self.digitValue(at(offset + 2 + index), radix: 16) else {
          throw fail("invalid escape: '\\\(digits == 4 ? "u" : "U")' needs \(digits) hexadecimal digits", at: start)
        }
        scalar = scalar << 4 | UInt32(digit)
      }
      guard let unicode = Unicode.Scalar(scalar) else {
        throw fail(
          "invalid escape: \(String(scalar, radix: 16, uppercase: true)) is not a Unicode scalar value", at: start)
      }
      scratch.append(contentsOf: UTF8.encode(unicode)!)
      offset += 2 + digits
      return
    default:
      if offset + 1 >= end { throw fail("the string is not closed", at: start) }
      throw fail("invalid escape sequence: a backslash followed by \(describe(at: offset + 1))", at: start)
    }
    scratch.append(simple)
    offset += 2
  }

  static func digitValue(_ byte: UInt8, radix: Int) -> Int? {
    let value: Int
    switch byte {
    case TOMLASCII.zero...TOMLASCII.nine: value = Int(byte - TOMLASCII.zero)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
    default: return nil
    }
    return value < radix ? value : nil
  }
}
