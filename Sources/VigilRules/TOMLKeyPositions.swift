/// Where each key of a TOML document is written, so that rule diagnostics point at the offending line. Filled by
/// ``TOMLDocument`` in the same pass that reads the values.
///
/// Paths are dotted, with array-of-tables indices in brackets: `rule.threat[0].tactic.id`. Keys inside inline
/// tables are recorded too (`rule.threat_mapping[0].entries[1].field`); array elements that are not inline tables
/// are not. Keys are kept as the reader found them, by table, and a path is looked up by comparing it with each
/// key's path without building those paths: a loader asks for a handful of paths, so that is cheaper than a
/// dictionary of every path of every file.
struct TOMLKeyPositions {
  /// Where a key is written.
  struct Position: Equatable {
    /// Byte range of the key as written, dotted parts and quotes included, blanks around it excluded (for a table
    /// header, of the header's name).
    var keyRange: Range<Int>
    /// Byte offset of the first byte of the value's content (inside quotes for strings; after the newline that
    /// TOML trims at the start of a multi-line string), for diagnostics found inside a value such as a query. For a
    /// table header, the start of its name.
    var contentStart: Int
  }

  /// One written key, or one table header.
  struct Entry {
    /// The table the key is in (for a header, the table it defines): an index into `tablePaths`.
    var table: Int
    /// The key, or `nil` for a table header.
    var key: String?
    var position: Position
    /// The length in bytes of the entry's path, to pass over most entries without looking at their text.
    var pathLength: Int

    init(table: Int, tablePath: String, key: String?, position: Position) {
      self.table = table
      self.key = key
      self.position = position
      let tableLength = tablePath.utf8.count
      if let key {
        pathLength = tableLength + (tableLength == 0 ? 0 : 1) + key.utf8.count
      } else {
        pathLength = tableLength
      }
    }
  }

  /// The path of each table the reader made (`rule.threat[0]`), the root (`""`) first.
  var tablePaths: [String] = [""]
  /// In document order.
  var entries: [Entry] = []

  /// The position of exactly this path, if it is written in the document.
  func exactPosition(of path: String) -> Position? {
    let length = path.utf8.count
    for entry in entries where entry.pathLength == length && Self.path(path, is: tablePaths[entry.table], entry.key) {
      return entry.position
    }
    return nil
  }

  /// The position of a path, or of its nearest ancestor that is written in the document.
  func position(of path: String) -> Position? {
    var current = Substring(path)
    while true {
      if let found = exactPosition(of: String(current)) { return found }
      guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
      current = current[..<cut]
    }
  }

  /// Every written path and its position (built on each call: for tests and tools, not for the loader).
  var positions: [String: Position] {
    var result: [String: Position] = [:]
    for entry in entries {
      let table = tablePaths[entry.table]
      let path = entry.key.map { table.isEmpty ? $0 : table + "." + $0 } ?? table
      if result[path] == nil { result[path] = entry.position }
    }
    return result
  }

  /// Whether `path` is `table.key` (`key` alone in the root table; `table` alone for a header).
  private static func path(_ path: String, is table: String, _ key: String?) -> Bool {
    guard let key else { return path == table }
    if table.isEmpty { return path == key }
    let whole = path.utf8
    let tableBytes = table.utf8
    let keyBytes = key.utf8
    guard whole.count == tableBytes.count + 1 + keyBytes.count, whole.starts(with: tableBytes) else { return false }
    let dot = whole.index(whole.startIndex, offsetBy: tableBytes.count)
    return whole[dot] == UInt8(ascii: ".") && whole[whole.index(after: dot)...].elementsEqual(keyBytes)
  }
}
