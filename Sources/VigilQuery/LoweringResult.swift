import VigilSyntax

/// What lowering a query (KQL, EQL, ES|QL `WHERE`, Kibana filters) to the IR gives: the predicate and the problems
/// found. Errors mean the query cannot run, as the query Elasticsearch would build from it fails.
public struct LoweringResult: Sendable {
  public var predicate: Predicate
  public var diagnostics: [Diagnostic]

  public init(predicate: Predicate, diagnostics: [Diagnostic]) {
    self.predicate = predicate
    self.diagnostics = diagnostics
  }
}
