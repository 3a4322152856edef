import VigilEvents
import VigilQuery

/// The compiled patterns of a query while it compiles: `LIKE` wildcards, `RLIKE` Lucene regexes, the Java regexes
/// of `REPLACE`, and the full-text conditions (`KQL()`, `MATCH()`, `:`) as predicates on the source event.
/// ``ESQLExpressionCompiler`` puts each into the expression that uses it.
struct ESQLMatchers: Sendable {
  var wildcards: [String: WildcardPattern] = [:]
  var luceneRegexes: [String: LuceneRegex] = [:]
  var javaRegexes: [String: ESQLJavaRegex] = [:]
  /// Full-text conditions by the start offset of their expression.
  var fullText: [Int: PredicateProgram] = [:]
  /// Fuzzy `MATCH` conditions by the start offset of their expression.
  var fuzzy: [Int: ESQLFuzzyMatch] = [:]

  /// Whether there are full-text conditions, which read the source event rather than the row.
  var readsEvent: Bool { !fullText.isEmpty || !fuzzy.isEmpty }

  /// The matcher of a `LIKE` (or, with `regex`, `RLIKE`) pattern.
  func textMatcher(_ pattern: String, regex: Bool) -> ESQLTextMatcher {
    if regex { return luceneRegexes[pattern].map(ESQLTextMatcher.regex) ?? .never }
    return wildcards[pattern].map(ESQLTextMatcher.wildcard) ?? .never
  }

  /// The full-text condition of the expression at `range`.
  func fullTextCondition(at range: Range<Int>) -> ESQLFullTextCondition {
    if let fuzzy = fuzzy[range.lowerBound] { return .fuzzy(fuzzy) }
    return fullText[range.lowerBound].map(ESQLFullTextCondition.predicate) ?? .never
  }
}
