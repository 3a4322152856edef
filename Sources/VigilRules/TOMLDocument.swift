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

  init(offset: Int, message: String) {
    self.offset = offset
    self.line = 0
    self.column = 0
    self.message = message
  }

  init(offset: Int, message: String, in bytes: UnsafeBufferPointer<UInt8>) {
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
