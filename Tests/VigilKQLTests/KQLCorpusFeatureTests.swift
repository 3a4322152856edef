import Testing
import VigilKQL
import VigilTestSupport

/// Cross-checks the parser against detection-rules' `lib/kql`: features counted on Vigil's trees must give the
/// figures of `shared/reference/corpus-features.md` (non-deprecated rules, `query` key only).
struct KQLCorpusFeatureTests {
  struct Count: Equatable, CustomStringConvertible {
    var rules = 0
    var occurrences = 0
    var description: String { "\(rules) rules/\(occurrences)" }
  }

  static func features(_ node: KQLNode, into counts: inout [String: Int]) {
    switch node.kind {
    case .matchAll:
      break
    case .or(let items):
      counts["or", default: 0] += items.count - 1
      for item in items { features(item, into: &counts) }
    case .and(let items):
      counts["and", default: 0] += items.count - 1
      for item in items { features(item, into: &counts) }
    case .not(let item):
      counts["not", default: 0] += 1
      features(item, into: &counts)
    case .match(let field, let value):
      if let field, !field.isQuoted, field.hasWildcard { counts["wildcard field", default: 0] += 1 }
      for literal in value.values where literal.isLoneWildcard { counts["exists", default: 0] += 1 }
      if field == nil { counts["free text", default: 0] += 1 }
      valueFeatures(value, into: &counts)
      for literal in value.values where literal.isQuoted { counts["quoted", default: 0] += 1 }
      for literal in value.values where !literal.isQuoted && literal.hasWildcard && !literal.isLoneWildcard {
        counts["wildcard value", default: 0] += 1
      }
    case .range(let field, let op, _):
      if !field.isQuoted, field.hasWildcard { counts["wildcard field", default: 0] += 1 }
      counts["range \(op.rawValue)", default: 0] += 1
    case .nested(_, let query):
      counts["nested", default: 0] += 1
      features(query, into: &counts)
    }
  }

  static func valueFeatures(_ value: KQLValueExpression, into counts: inout [String: Int]) {
    switch value.kind {
    case .value: break
    case .or(let items):
      for item in items { valueFeatures(item, into: &counts) }
    case .and(let items):
      counts["list and", default: 0] += items.count - 1
      for item in items { valueFeatures(item, into: &counts) }
    case .not(let item):
      counts["list not", default: 0] += 1
      valueFeatures(item, into: &counts)
    }
  }

  @Test func featureCountsMatchTheReferenceParser() throws {
    guard let queries = try CorpusQuery.all(language: "kuery") else {
      print(SharedData.missingMessage("corpus/detection-rules"))
      return
    }
    let rules = queries.filter { $0.origin == .query && !$0.path.contains("/_deprecated/") }
    #expect(rules.count == 729)
    var totals: [String: Count] = [:]
    for rule in rules {
      let query = try #require(KQLParser.parse(rule.text).query)
      var counts: [String: Int] = [:]
      Self.features(query.root, into: &counts)
      for (feature, count) in counts {
        totals[feature, default: Count()].rules += 1
        totals[feature, default: Count()].occurrences += count
      }
    }
    let summary = totals.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("KQL corpus features: " + summary)
    #expect(totals["and"] == Count(rules: 716, occurrences: 2830))
    #expect(totals["or"] == Count(rules: 145, occurrences: 300))
    #expect(totals["not"] == Count(rules: 237, occurrences: 348))
    #expect(totals["quoted"] == Count(rules: 532, occurrences: 4697))
    // The reference counts occurrences inside value lists differently; the rules using them agree.
    #expect(totals["list and"]?.rules == 107)
    #expect(totals["list not"]?.rules == 69)
    #expect(totals["exists"] == Count(rules: 127, occurrences: 182))
    #expect(totals["range <"] == nil)
    #expect(totals["range <="] == Count(rules: 5, occurrences: 5))
    #expect(totals["range >"] == Count(rules: 5, occurrences: 6))
    #expect(totals["range >="] == Count(rules: 11, occurrences: 11))
    #expect(totals["nested"] == Count(rules: 1, occurrences: 1))
    #expect(totals["wildcard field"] == Count(rules: 8, occurrences: 12))
    #expect(totals["free text"] == nil)
    #expect(totals["wildcard value"] == Count(rules: 252, occurrences: 1751))
  }
}
