import VigilSyntax

/// The result of loading one rule file: the rule (when it could be built) and every problem found, each placed at
/// the TOML line of the key it concerns.
public struct RuleFile: Sendable {
  /// The file's path as given or discovered.
  public var path: String
  /// The file's text, for rendering diagnostics with line and column.
  public var source: SourceText
  /// The rule, or `nil` when the file is not a usable rule (not TOML, no `[rule]`, no type...).
  public var rule: DetectionRule?
  public var diagnostics: [Diagnostic]
  /// Byte offsets at which the content of `rule.query` and `rule.threat_query` starts in the file, so that a query
  /// parser's diagnostics can be moved to file positions with ``Diagnostic/shifted(by:)``.
  public var queryOffsets: [String: Int]
  /// Byte ranges of the keys `rule.filters` and `rule.threat_filters`, where problems in filters are reported.
  public var filterRanges: [String: Range<Int>] = [:]

  public init(
    path: String, source: SourceText, rule: DetectionRule?, diagnostics: [Diagnostic], queryOffsets: [String: Int] = [:]
  ) {
    self.path = path
    self.source = source
    self.rule = rule
    self.diagnostics = diagnostics
    self.queryOffsets = queryOffsets
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.hasErrors }

  /// The location of a diagnostic in this file.
  public func location(of diagnostic: Diagnostic) -> SourceLocation? {
    DiagnosticRenderer.location(of: diagnostic, in: source)
  }
}
