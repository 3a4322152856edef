/// The ASCII bytes the TOML reader looks for.
enum TOMLASCII {
  static let tab: UInt8 = 0x09
  static let newline: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let quote: UInt8 = 0x22  // "
  static let hash: UInt8 = 0x23  // #
  static let apostrophe: UInt8 = 0x27  // '
  static let plus: UInt8 = 0x2B
  static let comma: UInt8 = 0x2C
  static let minus: UInt8 = 0x2D
  static let dot: UInt8 = 0x2E
  static let zero: UInt8 = 0x30
  static let nine: UInt8 = 0x39
  static let colon: UInt8 = 0x3A
  static let equals: UInt8 = 0x3D
  static let openBracket: UInt8 = 0x5B  // [
  static let backslash: UInt8 = 0x5C
  static let closeBracket: UInt8 = 0x5D  // ]
  static let underscore: UInt8 = 0x5F
  static let openBrace: UInt8 = 0x7B  // {
  static let closeBrace: UInt8 = 0x7D  // }
  static let delete: UInt8 = 0x7F
}

/// For each byte, in which texts it stands for itself and needs no further look (one bit per kind of text), so
/// that the loops over strings and comments test one bit per byte.
enum TOMLByteClass {
  static let basic: UInt8 = 1
  static let literal: UInt8 = 2
  static let multilineBasic: UInt8 = 4
  static let multilineLiteral: UInt8 = 8
  static let comment: UInt8 = 16

  nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    for byte in 0..<256 {
      var classes: UInt8 = 0
      if (byte >= 0x20 && byte < 0x7F) || byte == 0x09 {
        classes |= comment
        if byte != 0x22 && byte != 0x5C { classes |= basic | multilineBasic }
        if byte != 0x27 { classes |= literal | multilineLiteral }
      }
      if byte == 0x0A { classes |= multilineBasic | multilineLiteral }
      table[byte] = classes
    }
    return UnsafePointer(table)
  }()
}

/// A table being built. Tables live in one array and refer to each other by index, so that a header can reopen a
/// table deep in the tree without copying the tree.
struct TOMLTableNode {
  enum Kind {
    /// Created as a parent of a `[a.b]` header; may still be defined once by its own header.
    case implicit
    /// Defined by a `[table]` header.
    case header
    /// An element of an array of tables, defined by a `[[table]]` header.
    case arrayElement
    /// Created by a dotted key (`a.b = 1`); dotted keys may add to it, headers may not redefine it.
    case dotted
    /// An inline table being read; it is frozen into a value when its `}` is read.
    case inline
  }

  enum Slot {
    /// A value written with `=`: scalars, static arrays, inline tables. Never extended.
    case value(RuleValue)
    case table(Int)
    case tables([Int])
  }

  enum Child {
    case table(Int)
    case tables([Int])
  }

  var kind: Kind
  /// The table's path for ``TOMLKeyPositions`` (`rule.threat[0]`), empty for the root.
  var path: String
  /// Values written with `=` (scalars, static arrays, inline tables): never extended. Kept apart from the
  /// sub-tables so that a table without sub-tables is already its final dictionary.
  var values: [String: RuleValue] = [:]
  var children: [String: Child] = [:]

  func slot(_ key: String) -> Slot? {
    if let value = values[key] { return .value(value) }
    if children.isEmpty { return nil }
    switch children[key] {
    case .table(let table): return .table(table)
    case .tables(let tables): return .tables(tables)
    case nil: return nil
    }
  }
}

/// Who a value belongs to, to name it in ``TOMLKeyPositions`` when it is an inline table.
enum TOMLValueOwner {
  case key(table: Int, key: String)
  case element(arrayPath: String, index: Int)
}

/// Reads a TOML document's bytes in one pass into ``TOMLTableNode``s and key positions; its parts are in the
/// `TOMLReader+…` files (values, strings, numbers and dates).
struct TOMLReader {
  typealias Position = TOMLKeyPositions.Position

  let bytes: UnsafeBufferPointer<UInt8>
  let end: Int
  var offset = 0
  var tables: [TOMLTableNode] = [TOMLTableNode(kind: .header, path: "")]
  /// The table that `key = value` lines go to.
  var current = 0
  var positions: [TOMLKeyPositions.Entry] = []
  /// Where the content of the last value read starts.
  var contentStart = 0
  /// Bytes of a string that needs escapes decoded or newlines rewritten.
  var scratch: [UInt8] = []

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    self.end = bytes.count
  }

  /// The byte at an offset, or 0 past the end (callers that stop on 0 tell a NUL byte from the end by the offset).
  @inline(__always) func at(_ index: Int) -> UInt8 { index < end ? bytes[index] : 0 }

  func fail(_ message: String, at offset: Int) -> TOMLSyntaxError {
    TOMLSyntaxError(offset: offset, message: message)
  }

  /// How a byte is named in messages.
  func describe(at index: Int) -> String {
    guard index < end else { return "the end of the file" }
    let byte = bytes[index]
    switch byte {
    case TOMLASCII.newline, TOMLASCII.carriageReturn: return "the end of the line"
    case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
    default:
      if byte >= 0x80, utf8Length(at: index) > 0 {
        return "'\(String(decoding: bytes[index..<index + utf8Length(at: index)], as: UTF8.self))'"
      }
      return byte == TOMLASCII.space ? "a space" : "the byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
  }

  // MARK: Document structure

  mutating func readDocument() throws(TOMLSyntaxError) {
    if at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { offset = 3 }  // a UTF-8 byte order mark
    while true {
      skipBlanks()
      switch at(offset) {
      case TOMLASCII.newline: offset += 1
      case TOMLASCII.carriageReturn: try readNewline()
      case TOMLASCII.hash: try skipComment()
      case TOMLASCII.openBracket:
        try readHeader()
        try readEndOfLine(after: "a table header")
      case 0 where offset >= end: return
      default:
        try readKeyValue(into: current)
        try readEndOfLine(after: "a value")
      }
    }
  }

  mutating func skipBlanks() {
    while offset < end, bytes[offset] == TOMLASCII.space || bytes[offset] == TOMLASCII.tab { offset += 1 }
  }

  /// Reads `\r\n` at `offset`.
  mutating func readNewline() throws(TOMLSyntaxError) {
    guard at(offset + 1) == TOMLASCII.newline else {
      throw fail("a carriage return must be followed by a line feed", at: offset)
    }
    offset += 2
  }

  /// Skips a comment from its `#` to the end of the line (the newline is left to read).
  mutating func skipComment() throws(TOMLSyntaxError) {
    offset += 1
    let classes = TOMLByteClass.table
    while offset < end {
      let byte = bytes[offset]
      if classes[Int(byte)] & TOMLByteClass.comment != 0 {
        offset += 1
      } else if byte == TOMLASCII.newline {
        return
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == TOMLASCII.carriageReturn, at(offset + 1) == TOMLASCII.newline {
        return
      } else {
        throw fail("control character \(Self.codePoint(byte)) is not allowed in a comment", at: offset)
      }
    }
  }

  /// After a header or a value: blanks, maybe a comment, then a newline or the end of the file.
  mutating func readEndOfLine(after what: String) throws(TOMLSyntaxError) {
    skipBlanks()
    if at(offset) == TOMLASCII.hash { try skipComment() }
    switch at(offset) {
    case TOMLASCII.newline: offset += 1
    case TOMLASCII.carriageReturn: try readNewline()
    case 0 where offset >= end: return
    default: throw fail("expected a new line after \(what), found \(describe(at: offset))", at: offset)
    }
  }

  // MARK: Keys

  static func isBareKeyByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x41...0x5A, 0x61...0x7A, TOMLASCII.zero...TOMLASCII.nine, TOMLASCII.underscore, TOMLASCII.minus: true
    default: false
    }
  }

  /// Reads one part of a key: bare, "basic" or 'literal'.
  mutating func readSimpleKey() throws(TOMLSyntaxError) -> String {
    let start = offset
    switch at(offset) {
    case TOMLASCII.quote:
      if at(offset + 1) == TOMLASCII.quote, at(offset + 2) == TOMLASCII.quote {
        throw fail("a multi-line string cannot be a key", at: offset)
      }
      return try readBasicString()
    case TOMLASCII.apostrophe:
      if at(offset + 1) == TOMLASCII.apostrophe, at(offset + 2) == TOMLASCII.apostrophe {
        throw fail("a multi-line string cannot be a key", at: offset)
      }
      return try readLiteralString()
    default:
      while offset < end, Self.isBareKeyByte(bytes[offset]) { offset += 1 }
      guard offset > start else { throw fail("expected a key, found \(describe(at: offset))", at: offset) }
      return String(decoding: bytes[start..<offset], as: UTF8.self)
    }
  }

  /// After one part of a dotted key: skips the blanks and the dot before the next part and returns true, or
  /// returns false (blanks skipped) when the key ends here.
  mutating func skipKeyDot() -> Bool {
    skipBlanks()
    guard at(offset) == TOMLASCII.dot else { return false }
    offset += 1
    skipBlanks()
    return true
  }

  static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

  func path(of owner: TOMLValueOwner) -> String {
    switch owner {
    case .key(let table, let key): Self.join(tables[table].path, key)
    case .element(let arrayPath, let index): "\(arrayPath)[\(index)]"
    }
  }

  mutating func newTable(_ kind: TOMLTableNode.Kind, path: String) -> Int {
    tables.append(TOMLTableNode(kind: kind, path: path))
    return tables.count - 1
  }

  /// Why a value written with `=` cannot be opened as a table or array of tables.
  func conflict(_ value: RuleValue, path: String) -> String {
    switch value {
    case .table: "'\(path)' is an inline table, which cannot be extended after its closing brace"
    case .array: "'\(path)' is a static array (written with '= [...]'), which cannot be appended to"
    default: "'\(path)' is already \(value.typeDescription), not a table"
    }
  }

  /// Reads `key = value` into a table. Each part of a dotted key but the last opens (or makes) a table of
  /// dotted keys as soon as it is read.
  mutating func readKeyValue(into table: Int) throws(TOMLSyntaxError) {
    let keyStart = offset
    var target = table
    var key = try readSimpleKey()
    var keyEnd = offset
    while skipKeyDot() {
      switch tables[target].slot(key) {
      case nil:
        let created = newTable(.dotted, path: Self.join(tables[target].path, key))
        tables[target].children[key] = .table(created)
        target = created
      case .table(let existing):
        guard tables[existing].kind == .dotted else {
          let path = Self.join(tables[target].path, key)
          throw fail("dotted keys cannot add to table '\(path)', which is defined by a [table] header", at: keyStart)
        }
        target = existing
      case .tables:
        throw fail(
          "dotted keys cannot add to '\(Self.join(tables[target].path, key))', which is an array of tables",
          at: keyStart)
      case .value(let value):
        throw fail(conflict(value, path: Self.join(tables[target].path, key)), at: keyStart)
      }
      key = try readSimpleKey()
      keyEnd = offset
    }
    guard at(offset) == TOMLASCII.equals else {
      throw fail("expected '=' after the key, found \(describe(at: offset))", at: offset)
    }
    offset += 1
    skipBlanks()
    if !tables[target].children.isEmpty, tables[target].children[key] != nil {
      throw fail("duplicate key '\(Self.join(tables[target].path, key))'", at: keyStart)
    }
    let value = try readValue(owner: .key(table: target, key: key))
    if tables[target].values.updateValue(value, forKey: key) != nil {
      throw fail("duplicate key '\(Self.join(tables[target].path, key))'", at: keyStart)
    }
    positions.append(
      .init(
        table: target, tablePath: tables[target].path, key: key,
        position: Position(keyRange: keyStart..<keyEnd, contentStart: contentStart)))
  }

  /// Reads `[a.b]` or `[[a.b]]` and makes its table the current one.
  mutating func readHeader() throws(TOMLSyntaxError) {
    let isArray = at(offset + 1) == TOMLASCII.openBracket
    offset += isArray ? 2 : 1
    skipBlanks()
    let keyStart = offset
    var parent = 0
    var key = try readSimpleKey()
    var keyEnd = offset
    while skipKeyDot() {
      switch tables[parent].slot(key) {
      case nil:
        let created = newTable(.implicit, path: Self.join(tables[parent].path, key))
        tables[parent].children[key] = .table(created)
        parent = created
      case .table(let existing): parent = existing
      case .tables(let elements): parent = elements[elements.count - 1]
      case .value(let value): throw fail(conflict(value, path: Self.join(tables[parent].path, key)), at: keyStart)
      }
      key = try readSimpleKey()
      keyEnd = offset
    }
    guard at(offset) == TOMLASCII.closeBracket, !isArray || at(offset + 1) == TOMLASCII.closeBracket else {
      let at = at(offset) == TOMLASCII.closeBracket ? offset + 1 : offset
      throw fail("expected '\(isArray ? "]]" : "]")' to close the table header, found \(describe(at: at))", at: at)
    }
    offset += isArray ? 2 : 1
    let path = Self.join(tables[parent].path, key)
    let table: Int
    switch (tables[parent].slot(key), isArray) {
    case (nil, false):
      table = newTable(.header, path: path)
      tables[parent].children[key] = .table(table)
    case (nil, true):
      table = newTable(.arrayElement, path: path + "[0]")
      tables[parent].children[key] = .tables([table])
    case (.table(let existing), false):
      switch tables[existing].kind {
      case .implicit:
        tables[existing].kind = .header
        table = existing
      case .dotted:
        throw fail("table '\(path)' is already defined by dotted keys", at: keyStart)
      case .header, .arrayElement, .inline:
        throw fail("table '\(path)' is defined twice", at: keyStart)
      }
    case (.table, true):
      throw fail("'\(path)' is already a table, so it cannot be an array of tables", at: keyStart)
    case (.tables(var elements), true):
      table = newTable(.arrayElement, path: path + "[\(elements.count)]")
      elements.append(table)
      tables[parent].children[key] = .tables(elements)
    case (.tables, false):
      throw fail("'\(path)' is an array of tables, so it cannot be defined as a table", at: keyStart)
    case (.value(let value), _):
      throw fail(conflict(value, path: path), at: keyStart)
    }
    current = table
    positions.append(
      .init(
        table: table, tablePath: tables[table].path, key: nil,
        position: Position(keyRange: keyStart..<keyEnd, contentStart: keyStart)))
  }

  // MARK: Output

  /// The final dictionary of a table, moved out of the table.
  mutating func takeValue(of table: Int) -> [String: RuleValue] {
    var result = tables[table].values
    tables[table].values = [:]
    let children = tables[table].children
    for (key, child) in children {
      switch child {
      case .table(let child): result[key] = .table(takeValue(of: child))
      case .tables(let elements): result[key] = .array(elements.map { .table(takeValue(of: $0)) })
      }
    }
    return result
  }

  mutating func rootValue() -> [String: RuleValue] { takeValue(of: 0) }
}
