import VigilSyntax

/// What ``EQLParser/parse(_:)`` found: the query (unless there was a syntax error) and diagnostics.
public struct EQLParseResult: Sendable {
  /// The query; `nil` when the text has a syntax error. A query with checker errors is still returned.
  public var query: EQLQuery?
  /// Syntax errors (at most one: parsing stops at the first, as in Elasticsearch) followed by checker findings.
  public var diagnostics: [Diagnostic]

  public init(query: EQLQuery?, diagnostics: [Diagnostic]) {
    self.query = query
    self.diagnostics = diagnostics
  }

  /// The query when it parsed and checked without errors.
  public var validQuery: EQLQuery? { diagnostics.hasErrors ? nil : query }
}
