import VigilSyntax

/// Collects the diagnostics of one rule file, placing each at the TOML line of the key it concerns.
struct RuleDiagnostics {
  let keys: TOMLKeyPositions
  private(set) var all: [Diagnostic] = []

  init(keys: TOMLKeyPositions) {
    self.keys = keys
  }

  /// The byte range to report a problem with `path` at: the key itself, or its nearest written ancestor.
  func range(of path: String) -> Range<Int>? { keys.position(of: path)?.keyRange }

  mutating func error(_ id: String, _ message: String, at path: String) {
    all.append(.error(id, message, at: range(of: path)))
  }

  mutating func warning(_ id: String, _ message: String, at path: String) {
    all.append(.warning(id, message, at: range(of: path)))
  }

  mutating func append(_ diagnostic: Diagnostic) {
    all.append(diagnostic)
  }
}
