import VigilSyntax

/// What ``ESQLParser/parse(_:)`` returns: the query when it parsed and checked without errors, and every
/// diagnostic found (byte ranges relative to the query text).
public struct ESQLParseResult: Sendable {
  /// The parsed query, or `nil` when there were errors.
  public var query: ESQLQuery?
  /// Errors and warnings, in source order.
  public var diagnostics: [Diagnostic]

  public init(query: ESQLQuery?, diagnostics: [Diagnostic]) {
    self.query = query
    self.diagnostics = diagnostics
  }
}
