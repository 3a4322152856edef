// Values of the TOML reader: arrays, inline tables and the dispatch on a value's first byte.

extension TOMLReader {
  // MARK: Values

  /// Reads one value and sets `contentStart`.
  mutating func readValue(owner: TOMLValueOwner) throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    contentStart = start
    switch at(offset) {
    case TOMLASCII.quote:
      if at(offset + 1) == TOMLASCII.quote, at(offset + 2) == TOMLASCII.quote {
        return .string(try readMultilineString(quote: TOMLASCII.quote))
      }
      contentStart = start + 1
      return .string(try readBasicString())
    case TOMLASCII.apostrophe:
      if at(offset + 1) == TOMLASCII.apostrophe, at(offset + 2) == TOMLASCII.apostrophe {
        return .string(try readMultilineString(quote: TOMLASCII.apostrophe))
      }
      contentStart = start + 1
      return .string(try readLiteralString())
    case UInt8(ascii: "t"):
      try expectWord("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return .bool(false)
    case TOMLASCII.openBracket:
      let value = try readArray(owner: owner)
      contentStart = start
      return value
    case TOMLASCII.openBrace:
      let value = try readInlineTable(path: path(of: owner))
      contentStart = start
      return value
    case TOMLASCII.zero...TOMLASCII.nine, TOMLASCII.plus, TOMLASCII.minus, UInt8(ascii: "i"), UInt8(ascii: "n"):
      return try readNumberOrDate()
    default:
      throw fail("expected a value, found \(describe(at: offset))", at: offset)
    }
  }

  mutating func expectWord(_ word: StaticString) throws(TOMLSyntaxError) {
    let start = offset
    let count = word.utf8CodeUnitCount
    for index in 0..<count where at(start + index) != word.utf8Start[index] {
      throw fail("expected a value, found \(describe(at: start))", at: start)
    }
    offset += count
    if Self.isBareKeyByte(at(offset)) || at(offset) == TOMLASCII.dot {
      throw fail("expected a value, found \(describe(at: start))", at: start)
    }
  }

  /// Skips blanks, newlines and comments between array elements.
  mutating func skipArraySpace() throws(TOMLSyntaxError) {
    while true {
      switch at(offset) {
      case TOMLASCII.space, TOMLASCII.tab, TOMLASCII.newline: offset += 1
      case TOMLASCII.carriageReturn: try readNewline()
      case TOMLASCII.hash: try skipComment()
      default: return
      }
    }
  }

  mutating func readArray(owner: TOMLValueOwner) throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    offset += 1
    var elements: [RuleValue] = []
    /// Made for the first element that is an inline table or an array, which name their keys with it.
    var arrayPath: String?
    while true {
      try skipArraySpace()
      if at(offset) == TOMLASCII.closeBracket {
        offset += 1
        return .array(elements)
      }
      if offset >= end { throw fail("the array is not closed: expected ']'", at: start) }
      if arrayPath == nil, at(offset) == TOMLASCII.openBrace || at(offset) == TOMLASCII.openBracket {
        arrayPath = path(of: owner)
      }
      elements.append(try readValue(owner: .element(arrayPath: arrayPath ?? "", index: elements.count)))
      try skipArraySpace()
      switch at(offset) {
      case TOMLASCII.comma: offset += 1
      case TOMLASCII.closeBracket:
        offset += 1
        return .array(elements)
      default:
        if offset >= end { throw fail("the array is not closed: expected ']'", at: start) }
        throw fail("expected ',' or ']' after an array element, found \(describe(at: offset))", at: offset)
      }
    }
  }

  mutating func readInlineTable(path: String) throws(TOMLSyntaxError) -> RuleValue {
    offset += 1
    let table = newTable(.inline, path: path)
    skipBlanks()
    if at(offset) == TOMLASCII.closeBrace {
      offset += 1
      return .table([:])
    }
    while true {
      skipBlanks()
      try readKeyValue(into: table)
      skipBlanks()
      switch at(offset) {
      case TOMLASCII.comma:
        offset += 1
        skipBlanks()
        if at(offset) == TOMLASCII.closeBrace {
          throw fail("an inline table cannot end with a comma", at: offset)
        }
      case TOMLASCII.closeBrace:
        offset += 1
        return .table(takeValue(of: table))
      case TOMLASCII.newline, TOMLASCII.carriageReturn, TOMLASCII.hash:
        throw fail("an inline table must be written on one line: expected ',' or '}'", at: offset)
      default:
        throw fail("expected ',' or '}' in an inline table, found \(describe(at: offset))", at: offset)
      }
    }
  }
}
