/// Where each key of a TOML document is written, so that rule diagnostics point at the offending line. Filled by
/// ``TOMLDocument`` in the same pass that reads the values.
///
/// Paths are dotted, with array-of-tables indices in brackets: `rule.threat[0].tactic.id`. Keys inside inline
/// tables are recorded too (`rule.threat_mapping[0].entries[1].field`); array elements that are not inline tables
/// are not.
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

  var positions: [String: Position] = [:]

  /// The position of a path, or of its nearest ancestor that is written in the document.
  func position(of path: String) -> Position? {
    var current = Substring(path)
    while true {
      if let found = positions[String(current)] { return found }
      guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
      current = current[..<cut]
    }
  }
}
