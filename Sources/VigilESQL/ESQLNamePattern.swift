/// A column name or name pattern as written in `KEEP`, `DROP`, `RENAME`, `MV_EXPAND` and `METADATA`.
///
/// The text is the dotted name without backquotes; in `KEEP`/`DROP`/`RENAME` a `*` matches any run of characters.
public struct ESQLNamePattern: Hashable, Sendable {
  public var text: String
  @ESQLSourceRange public var range: Range<Int>

  public init(_ text: String, range: Range<Int>) {
    self.text = text
    self.range = range
  }

  /// Whether the pattern holds a `*` wildcard.
  public var hasWildcard: Bool { text.utf8.contains(UInt8(ascii: "*")) }

  /// Whether `name` matches the pattern (`*` matches any run of characters, dots included).
  public func matches(_ name: String) -> Bool {
    guard hasWildcard else { return name == text }
    let parts = text.split(separator: "*", omittingEmptySubsequences: false).map(Substring.init)
    var rest = Substring(name)
    guard rest.hasPrefix(parts[0]) else { return false }
    rest = rest.dropFirst(parts[0].count)
    for (index, part) in parts.enumerated().dropFirst() {
      if index == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
      guard !part.isEmpty else { continue }
      guard let found = rest.firstRange(of: part) else { return false }
      rest = rest[found.upperBound...]
    }
    return true
  }
}
