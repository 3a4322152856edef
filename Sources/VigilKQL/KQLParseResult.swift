import VigilSyntax

/// What ``KQLParser/parse(_:)`` returns: the query when the text is valid KQL, and the diagnostics found.
public struct KQLParseResult: Sendable {
  /// The query, or `nil` when there is a syntax error.
  public var query: KQLQuery?
  /// Syntax errors (at most one: like Kibana, parsing stops at the first); byte ranges index the query text.
  public var diagnostics: [Diagnostic]

  /// A result from a query (or `nil`) and diagnostics.
  public init(query: KQLQuery?, diagnostics: [Diagnostic]) {
    self.query = query
    self.diagnostics = diagnostics
  }
}
