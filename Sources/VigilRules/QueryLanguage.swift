/// The `language` of a rule's query.
public enum QueryLanguage: String, CaseIterable, Hashable, Sendable {
  /// KQL, the Kibana Query Language.
  case kuery
  /// Lucene query syntax.
  case lucene
  case eql
  case esql

  /// The name users know the language by.
  public var displayName: String {
    switch self {
    case .kuery: "KQL"
    case .lucene: "Lucene"
    case .eql: "EQL"
    case .esql: "ES|QL"
    }
  }
}
