/// The `type` of a detection rule, as Kibana names it.
public enum RuleType: String, CaseIterable, Hashable, Sendable {
  case query
  case savedQuery = "saved_query"
  case eql
  case esql
  case newTerms = "new_terms"
  case threshold
  case threatMatch = "threat_match"
  case machineLearning = "machine_learning"

  /// The query languages Kibana accepts for this type (empty for machine learning).
  public var allowedLanguages: [QueryLanguage] {
    switch self {
    case .query, .savedQuery, .newTerms, .threshold, .threatMatch: [.kuery, .lucene]
    case .eql: [.eql]
    case .esql: [.esql]
    case .machineLearning: []
    }
  }
}
