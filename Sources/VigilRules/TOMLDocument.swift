/// A TOML 1.0 document read from its bytes in one pass: its values as plain ``RuleValue``s, and where each key
/// is written (``TOMLKeyPositions``).
///
/// The reader is strict: anything TOML 1.0 does not allow is a ``TOMLSyntaxError`` with a line and column.
/// Dates and times become ``RuleValue/datetime(_:)`` with a canonical text: `YYYY-MM-DD` for a local date,
/// `HH:MM:SS[.fraction]` for a local time, `YYYY-MM-DDTHH:MM:SS[.fraction][offset]` for a date-time, where the
/// separator is always an upper-case `T`, the fraction keeps at most 9 digits (nanoseconds) without trailing
/// zeros and is left out when zero, and the offset is `Z` when it is zero and `+HH:MM`/`-HH:MM` otherwise (a local
/// date-time has none). This is the text toml++ prints. Newlines in multi-line strings are read as `\n` whatever the
/// file uses. A leap second (`:60`) is accepted, as RFC 3339 allows.
struct TOMLDocument {
  var root: [String: RuleValue]
  var keys: TOMLKeyPositions

  init(bytes: [UInt8]) throws(TOMLSyntaxError) {
    let result: Result<TOMLDocument, TOMLSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
      var reader = TOMLReader(buffer)
      do throws(TOMLSyntaxError) {
        try reader.readDocument()
      } catch {
        return .failure(TOMLSyntaxError(offset: error.offset, message: error.message, in: buffer))
      }
      let root = reader.rootValue()
      let keys = TOMLKeyPositions(tablePaths: reader.tables.map(\.path), entries: reader.positions)
      return .success(TOMLDocument(root: root, keys: keys))
    }
    self = try result.get()
  }

  private init(root: [String: RuleValue], keys: TOMLKeyPositions) {
    self.root = root
    self.keys = keys
  }
}

/// Why a document is not valid TOML, and where.
struct TOMLSyntaxError: Error, Equatable, CustomStringConvertible {
  /// Byte offset of the problem (the byte count of the document when it ends too early).
  var offset: Int
  /// 1-based line.
  var line: Int
  /// 1-based column, in Unicode scalars.
  var column: Int
  var message: String

  var description: String { "\(message) (line \(line), column \(column))" }

  fileprivate init(offset: Int, message: String) {
    self.offset = offset
    self.line = 0
    self.column = 0
    self.message = message
  }

  fileprivate init(offset: Int, message: String, in bytes: UnsafeBufferPointer<UInt8>) {
    self.offset = min(offset, bytes.count)
    self.message = message
    var line = 1
    var lineStart = 0
    for index in 0..<self.offset where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    var column = 1
    for index in lineStart..<self.offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
    self.line = line
    self.column = column
  }
}

// MARK: - The reader

private enum ASCII {
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
private enum ByteClass {
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
private struct TableNode {
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
private enum ValueOwner {
  case key(table: Int, key: String)
  case element(arrayPath: String, index: Int)
}

private struct TOMLReader {
  typealias Position = TOMLKeyPositions.Position

  let bytes: UnsafeBufferPointer<UInt8>
  let end: Int
  var offset = 0
  var tables: [TableNode] = [TableNode(kind: .header, path: "")]
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
    case ASCII.newline, ASCII.carriageReturn: return "the end of the line"
    case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
    default:
      if byte >= 0x80, utf8Length(at: index) > 0 {
        return "'\(String(decoding: bytes[index..<index + utf8Length(at: index)], as: UTF8.self))'"
      }
      return byte == ASCII.space ? "a space" : "the byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
  }

  // MARK: Document structure

  mutating func readDocument() throws(TOMLSyntaxError) {
    if at(0) == 0xEF, at(1) == 0xBB, at(2) == 0xBF { offset = 3 }  // a UTF-8 byte order mark
    while true {
      skipBlanks()
      switch at(offset) {
      case ASCII.newline: offset += 1
      case ASCII.carriageReturn: try readNewline()
      case ASCII.hash: try skipComment()
      case ASCII.openBracket:
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
    while offset < end, bytes[offset] == ASCII.space || bytes[offset] == ASCII.tab { offset += 1 }
  }

  /// Reads `\r\n` at `offset`.
  mutating func readNewline() throws(TOMLSyntaxError) {
    guard at(offset + 1) == ASCII.newline else {
      throw fail("a carriage return must be followed by a line feed", at: offset)
    }
    offset += 2
  }

  /// Skips a comment from its `#` to the end of the line (the newline is left to read).
  mutating func skipComment() throws(TOMLSyntaxError) {
    offset += 1
    let classes = ByteClass.table
    while offset < end {
      let byte = bytes[offset]
      if classes[Int(byte)] & ByteClass.comment != 0 {
        offset += 1
      } else if byte == ASCII.newline {
        return
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == ASCII.carriageReturn, at(offset + 1) == ASCII.newline {
        return
      } else {
        throw fail("control character \(Self.codePoint(byte)) is not allowed in a comment", at: offset)
      }
    }
  }

  /// After a header or a value: blanks, maybe a comment, then a newline or the end of the file.
  mutating func readEndOfLine(after what: String) throws(TOMLSyntaxError) {
    skipBlanks()
    if at(offset) == ASCII.hash { try skipComment() }
    switch at(offset) {
    case ASCII.newline: offset += 1
    case ASCII.carriageReturn: try readNewline()
    case 0 where offset >= end: return
    default: throw fail("expected a new line after \(what), found \(describe(at: offset))", at: offset)
    }
  }

  // MARK: Keys

  static func isBareKeyByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x41...0x5A, 0x61...0x7A, ASCII.zero...ASCII.nine, ASCII.underscore, ASCII.minus: true
    default: false
    }
  }

  /// Reads one part of a key: bare, "basic" or 'literal'.
  mutating func readSimpleKey() throws(TOMLSyntaxError) -> String {
    let start = offset
    switch at(offset) {
    case ASCII.quote:
      if at(offset + 1) == ASCII.quote, at(offset + 2) == ASCII.quote {
        throw fail("a multi-line string cannot be a key", at: offset)
      }
      return try readBasicString()
    case ASCII.apostrophe:
      if at(offset + 1) == ASCII.apostrophe, at(offset + 2) == ASCII.apostrophe {
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
    guard at(offset) == ASCII.dot else { return false }
    offset += 1
    skipBlanks()
    return true
  }

  static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

  func path(of owner: ValueOwner) -> String {
    switch owner {
    case .key(let table, let key): Self.join(tables[table].path, key)
    case .element(let arrayPath, let index): "\(arrayPath)[\(index)]"
    }
  }

  mutating func newTable(_ kind: TableNode.Kind, path: String) -> Int {
    tables.append(TableNode(kind: kind, path: path))
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
        throw fail("dotted keys cannot add to '\(Self.join(tables[target].path, key))', which is an array of tables", at: keyStart)
      case .value(let value):
        throw fail(conflict(value, path: Self.join(tables[target].path, key)), at: keyStart)
      }
      key = try readSimpleKey()
      keyEnd = offset
    }
    guard at(offset) == ASCII.equals else {
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
    let isArray = at(offset + 1) == ASCII.openBracket
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
    guard at(offset) == ASCII.closeBracket, !isArray || at(offset + 1) == ASCII.closeBracket else {
      let at = at(offset) == ASCII.closeBracket ? offset + 1 : offset
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

  // MARK: Values

  /// Reads one value and sets `contentStart`.
  mutating func readValue(owner: ValueOwner) throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    contentStart = start
    switch at(offset) {
    case ASCII.quote:
      if at(offset + 1) == ASCII.quote, at(offset + 2) == ASCII.quote {
        return .string(try readMultilineString(quote: ASCII.quote))
      }
      contentStart = start + 1
      return .string(try readBasicString())
    case ASCII.apostrophe:
      if at(offset + 1) == ASCII.apostrophe, at(offset + 2) == ASCII.apostrophe {
        return .string(try readMultilineString(quote: ASCII.apostrophe))
      }
      contentStart = start + 1
      return .string(try readLiteralString())
    case UInt8(ascii: "t"):
      try expectWord("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return .bool(false)
    case ASCII.openBracket:
      let value = try readArray(owner: owner)
      contentStart = start
      return value
    case ASCII.openBrace:
      let value = try readInlineTable(path: path(of: owner))
      contentStart = start
      return value
    case ASCII.zero...ASCII.nine, ASCII.plus, ASCII.minus, UInt8(ascii: "i"), UInt8(ascii: "n"):
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
    if Self.isBareKeyByte(at(offset)) || at(offset) == ASCII.dot {
      throw fail("expected a value, found \(describe(at: start))", at: start)
    }
  }

  /// Skips blanks, newlines and comments between array elements.
  mutating func skipArraySpace() throws(TOMLSyntaxError) {
    while true {
      switch at(offset) {
      case ASCII.space, ASCII.tab, ASCII.newline: offset += 1
      case ASCII.carriageReturn: try readNewline()
      case ASCII.hash: try skipComment()
      default: return
      }
    }
  }

  mutating func readArray(owner: ValueOwner) throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    offset += 1
    var elements: [RuleValue] = []
    /// Made for the first element that is an inline table or an array, which name their keys with it.
    var arrayPath: String?
    while true {
      try skipArraySpace()
      if at(offset) == ASCII.closeBracket {
        offset += 1
        return .array(elements)
      }
      if offset >= end { throw fail("the array is not closed: expected ']'", at: start) }
      if arrayPath == nil, at(offset) == ASCII.openBrace || at(offset) == ASCII.openBracket { arrayPath = path(of: owner) }
      elements.append(try readValue(owner: .element(arrayPath: arrayPath ?? "", index: elements.count)))
      try skipArraySpace()
      switch at(offset) {
      case ASCII.comma: offset += 1
      case ASCII.closeBracket:
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
    if at(offset) == ASCII.closeBrace {
      offset += 1
      return .table([:])
    }
    while true {
      skipBlanks()
      try readKeyValue(into: table)
      skipBlanks()
      switch at(offset) {
      case ASCII.comma:
        offset += 1
        skipBlanks()
        if at(offset) == ASCII.closeBrace {
          throw fail("an inline table cannot end with a comma", at: offset)
        }
      case ASCII.closeBrace:
        offset += 1
        return .table(takeValue(of: table))
      case ASCII.newline, ASCII.carriageReturn, ASCII.hash:
        throw fail("an inline table must be written on one line: expected ',' or '}'", at: offset)
      default:
        throw fail("expected ',' or '}' in an inline table, found \(describe(at: offset))", at: offset)
      }
    }
  }

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
    if !multiline, byte == ASCII.newline || byte == ASCII.carriageReturn {
      return fail("the string is not closed on its line (use a multi-line string for text with newlines)", at: opening)
    }
    if byte == ASCII.carriageReturn {
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
    let classes = ByteClass.table
    while true {
      while offset < end, classes[Int(bytes[offset])] & ByteClass.basic != 0 { offset += 1 }
      let byte = at(offset)
      if byte == ASCII.quote {
        let string = makeString(from: segment, to: offset, decoded: decoded)
        offset += 1
        return string
      } else if byte == ASCII.backslash {
        if !decoded {
          scratch.removeAll(keepingCapacity: true)
          decoded = true
        }
        scratch.append(contentsOf: bytes[segment..<offset])
        try readEscape()
        segment = offset
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == ASCII.tab {
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
    let classes = ByteClass.table
    while true {
      while offset < end, classes[Int(bytes[offset])] & ByteClass.literal != 0 { offset += 1 }
      let byte = at(offset)
      if byte == ASCII.apostrophe {
        offset += 1
        return String(decoding: bytes[start..<offset - 1], as: UTF8.self)
      } else if byte >= 0x80 {
        offset += try utf8Sequence(at: offset)
      } else if byte == ASCII.tab {
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
    let escapes = quote == ASCII.quote
    offset += 3
    if at(offset) == ASCII.newline {
      offset += 1
    } else if at(offset) == ASCII.carriageReturn, at(offset + 1) == ASCII.newline {
      offset += 2
    }
    contentStart = offset
    var segment = offset
    var decoded = false
    let classes = ByteClass.table
    let plain = escapes ? ByteClass.multilineBasic : ByteClass.multilineLiteral
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
      } else if byte == ASCII.backslash {
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
      } else if byte == ASCII.carriageReturn, at(offset + 1) == ASCII.newline {
        // Read `\r\n` as `\n`.
        if !decoded {
          scratch.removeAll(keepingCapacity: true)
          decoded = true
        }
        scratch.append(contentsOf: bytes[segment..<offset])
        scratch.append(ASCII.newline)
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
    while at(index) == ASCII.space || at(index) == ASCII.tab { index += 1 }
    switch at(index) {
    case ASCII.newline: index += 1
    case ASCII.carriageReturn where at(index + 1) == ASCII.newline: index += 2
    default:
      if index > offset + 1 {
        throw fail("invalid escape: a backslash followed by blanks must end its line", at: offset)
      }
      return false
    }
    while true {
      switch at(index) {
      case ASCII.space, ASCII.tab, ASCII.newline: index += 1
      case ASCII.carriageReturn where at(index + 1) == ASCII.newline: index += 2
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
    case UInt8(ascii: "t"): simple = ASCII.tab
    case UInt8(ascii: "n"): simple = ASCII.newline
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "r"): simple = ASCII.carriageReturn
    case ASCII.quote: simple = ASCII.quote
    case ASCII.backslash: simple = ASCII.backslash
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
        throw fail("invalid escape: \(String(scalar, radix: 16, uppercase: true)) is not a Unicode scalar value", at: start)
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
    case ASCII.zero...ASCII.nine: value = Int(byte - ASCII.zero)
    case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
    default: return nil
    }
    return value < radix ? value : nil
  }

  // MARK: Numbers, dates and times

  static func isDigit(_ byte: UInt8) -> Bool { byte >= ASCII.zero && byte <= ASCII.nine }

  mutating func readNumberOrDate() throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    if Self.isDigit(at(start)), Self.isDigit(at(start + 1)) {
      if Self.isDigit(at(start + 2)), Self.isDigit(at(start + 3)), at(start + 4) == ASCII.minus {
        return try readDateOrDateTime()
      }
      if at(start + 2) == ASCII.colon {
        let time = try readTime()
        if at(offset) == UInt8(ascii: "Z") || at(offset) == UInt8(ascii: "z") || at(offset) == ASCII.plus
          || at(offset) == ASCII.minus
        {
          throw fail("a local time cannot have an offset", at: offset)
        }
        return .datetime(time)
      }
    }
    var stop = start
    while stop < end {
      let byte = bytes[stop]
      guard Self.isBareKeyByte(byte) || byte == ASCII.dot || byte == ASCII.plus else { break }
      stop += 1
    }
    offset = stop
    return try number(start..<stop)
  }

  /// Reads digits with single underscores between them from `index`; returns where they stop.
  func digits(from index: Int, to stop: Int, radix: Int, what: String) throws(TOMLSyntaxError) -> Int {
    var index = index
    let start = index
    while index < stop {
      let byte = bytes[index]
      if Self.digitValue(byte, radix: radix) != nil {
        index += 1
      } else if byte == ASCII.underscore {
        guard index > start, index + 1 < stop, Self.digitValue(bytes[index + 1], radix: radix) != nil else {
          throw fail("an underscore in \(what) must be between two digits", at: index)
        }
        index += 1
      } else {
        break
      }
    }
    return index
  }

  func number(_ range: Range<Int>) throws(TOMLSyntaxError) -> RuleValue {
    var index = range.lowerBound
    let stop = range.upperBound
    let negative = bytes[index] == ASCII.minus
    let signed = negative || bytes[index] == ASCII.plus
    if signed { index += 1 }
    if stop - index == 3, at(index) == UInt8(ascii: "i") || at(index) == UInt8(ascii: "n") {
      let word = String(decoding: bytes[index..<stop], as: UTF8.self)
      if word == "inf" { return .float(negative ? -.infinity : .infinity) }
      if word == "nan" { return .float(negative ? -.nan : .nan) }
    }
    if at(index) == ASCII.zero, let radix = Self.radix(of: at(index + 1)) {
      let name = radix == 16 ? "a hexadecimal" : radix == 8 ? "an octal" : "a binary"
      if signed { throw fail("\(name) integer cannot have a sign", at: range.lowerBound) }
      let first = index + 2
      let last = try digits(from: first, to: stop, radix: radix, what: "\(name) integer")
      guard last > first else { throw fail("\(name) integer needs digits after its prefix", at: range.lowerBound) }
      guard last == stop else { throw invalidNumber(range, at: last) }
      var value: Int64 = 0
      for index in first..<last where bytes[index] != ASCII.underscore {
        let (shifted, overflow) = value.multipliedReportingOverflow(by: Int64(radix))
        guard !overflow else { throw fail("the integer does not fit in 64 bits", at: range.lowerBound) }
        value = shifted + Int64(Self.digitValue(bytes[index], radix: radix)!)
        guard value >= 0 else { throw fail("the integer does not fit in 64 bits", at: range.lowerBound) }
      }
      return .integer(value)
    }
    let integerStart = index
    index = try digits(from: index, to: stop, radix: 10, what: "a number")
    guard index > integerStart else { throw invalidNumber(range, at: integerStart) }
    if bytes[integerStart] == ASCII.zero, index > integerStart + 1 {
      throw fail("leading zeros are not allowed in a number", at: integerStart)
    }
    var isFloat = false
    if index < stop, bytes[index] == ASCII.dot {
      let fraction = index + 1
      index = try digits(from: fraction, to: stop, radix: 10, what: "a number")
      guard index > fraction else { throw fail("a decimal point must be followed by digits", at: fraction - 1) }
      isFloat = true
    }
    if index < stop, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < stop, bytes[index] == ASCII.plus || bytes[index] == ASCII.minus { index += 1 }
      let exponent = index
      index = try digits(from: exponent, to: stop, radix: 10, what: "a number")
      guard index > exponent else { throw fail("an exponent needs digits", at: exponent) }
      isFloat = true
    }
    guard index == stop else { throw invalidNumber(range, at: index) }
    if isFloat {
      var text = ""
      text.reserveCapacity(stop - range.lowerBound)
      for byte in bytes[range] where byte != ASCII.underscore { text.unicodeScalars.append(Unicode.Scalar(byte)) }
      guard let value = Double(text), value.isFinite else {
        throw fail("the float does not fit in 64 bits", at: range.lowerBound)
      }
      return .float(value)
    }
    var value: Int64 = 0
    for index in integerStart..<stop where bytes[index] != ASCII.underscore {
      let digit = Int64(bytes[index] - ASCII.zero)
      let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
      let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
      guard !overflow, !overflow2 else { throw fail("the integer does not fit in 64 bits", at: range.lowerBound) }
      value = next
    }
    return .integer(value)
  }

  static func radix(of byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "x"): 16
    case UInt8(ascii: "o"): 8
    case UInt8(ascii: "b"): 2
    default: nil
    }
  }

  func invalidNumber(_ range: Range<Int>, at index: Int) -> TOMLSyntaxError {
    let text = String(decoding: bytes[range], as: UTF8.self)
    if index < end, bytes[index] == ASCII.dot || Self.isBareKeyByte(bytes[index]) || bytes[index] == ASCII.plus {
      return fail("'\(text)' is not a valid value", at: range.lowerBound)
    }
    return fail("expected a value, found \(describe(at: range.lowerBound))", at: range.lowerBound)
  }

  /// Reads `count` decimal digits at `offset` as a number.
  mutating func fixedDigits(_ count: Int, _ what: String) throws(TOMLSyntaxError) -> Int {
    var value = 0
    for index in 0..<count {
      let byte = at(offset + index)
      guard Self.isDigit(byte) else {
        throw fail("expected \(count) digits for the \(what), found \(describe(at: offset + index))", at: offset + index)
      }
      value = value * 10 + Int(byte - ASCII.zero)
    }
    offset += count
    return value
  }

  mutating func expect(_ byte: UInt8, in what: String) throws(TOMLSyntaxError) {
    guard at(offset) == byte else {
      throw fail("expected '\(Character(Unicode.Scalar(byte)))' in \(what), found \(describe(at: offset))", at: offset)
    }
    offset += 1
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  mutating func readDateOrDateTime() throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    let year = try fixedDigits(4, "year")
    try expect(ASCII.minus, in: "a date")
    let month = try fixedDigits(2, "month")
    try expect(ASCII.minus, in: "a date")
    let day = try fixedDigits(2, "day")
    guard (1...12).contains(month) else { throw fail("invalid month \(month) in a date", at: start) }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard (1...days).contains(day) else { throw fail("invalid day \(day) in a date", at: start) }
    let date = "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    let separator = at(offset)
    let hasTime: Bool
    switch separator {
    case UInt8(ascii: "T"), UInt8(ascii: "t"): hasTime = true
    case ASCII.space: hasTime = Self.isDigit(at(offset + 1)) && Self.isDigit(at(offset + 2)) && at(offset + 3) == ASCII.colon
    default: hasTime = false
    }
    guard hasTime else { return .datetime(date) }
    offset += 1
    let time = try readTime()
    switch at(offset) {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      offset += 1
      return .datetime(date + "T" + time + "Z")
    case ASCII.plus, ASCII.minus:
      let sign = at(offset)
      let offsetStart = offset
      offset += 1
      let hours = try fixedDigits(2, "offset hours")
      try expect(ASCII.colon, in: "a time offset")
      let minutes = try fixedDigits(2, "offset minutes")
      guard hours < 24, minutes < 60 else { throw fail("invalid time offset", at: offsetStart) }
      if hours == 0, minutes == 0 { return .datetime(date + "T" + time + "Z") }
      let text = (sign == ASCII.plus ? "+" : "-") + Self.padded(hours, 2) + ":" + Self.padded(minutes, 2)
      return .datetime(date + "T" + time + text)
    default:
      return .datetime(date + "T" + time)
    }
  }

  /// Reads `HH:MM:SS[.fraction]` into its canonical text.
  mutating func readTime() throws(TOMLSyntaxError) -> String {
    let start = offset
    let hour = try fixedDigits(2, "hour")
    try expect(ASCII.colon, in: "a time")
    let minute = try fixedDigits(2, "minute")
    try expect(ASCII.colon, in: "a time")
    let second = try fixedDigits(2, "second")
    guard hour < 24, minute < 60, second <= 60 else { throw fail("invalid time", at: start) }
    var text = Self.padded(hour, 2) + ":" + Self.padded(minute, 2) + ":" + Self.padded(second, 2)
    if at(offset) == ASCII.dot {
      offset += 1
      let fractionStart = offset
      while Self.isDigit(at(offset)) { offset += 1 }
      guard offset > fractionStart else { throw fail("a decimal point in a time must be followed by digits", at: offset) }
      // Nanoseconds at most, without trailing zeros.
      var last = min(offset, fractionStart + 9)
      while last > fractionStart, bytes[last - 1] == ASCII.zero { last -= 1 }
      if last > fractionStart { text += "." + String(decoding: bytes[fractionStart..<last], as: UTF8.self) }
    }
    return text
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
