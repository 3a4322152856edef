import VigilEvents
import VigilQuery

/// The compiled patterns of a query: `LIKE` wildcards, `RLIKE` Lucene regexes, the Java regexes of `REPLACE` and
/// `GROK`, and the full-text conditions (`KQL()`, `MATCH()`, `:`) as predicates on the source event.
struct ESQLMatchers: Sendable {
  var wildcards: [String: WildcardPattern] = [:]
  var luceneRegexes: [String: LuceneRegex] = [:]
  var javaRegexes: [String: ESQLJavaRegex] = [:]
  /// Full-text conditions by the start offset of their expression.
  var fullText: [Int: PredicateProgram] = [:]
  /// Fuzzy `MATCH` conditions by the start offset of their expression.
  var fuzzy: [Int: ESQLFuzzyMatch] = [:]

  func matches(pattern: String, regex: Bool, text: String) -> Bool {
    if regex { return luceneRegexes[pattern]?.matches(text) ?? false }
    return wildcards[pattern]?.matches(text) ?? false
  }

  /// Whether the full-text condition at `range` holds for the row's source event (`false` without one).
  func fullText(at range: Range<Int>, field: ESQLExpression, event: Event?, row: ESQLRow) -> Bool {
    guard let event else { return false }
    if let fuzzy = fuzzy[range.lowerBound] { return fuzzy.matches(event) }
    return fullText[range.lowerBound]?.evaluate(event) ?? false
  }
}
