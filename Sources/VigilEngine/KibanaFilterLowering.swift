import VigilEvents
import VigilKQL
import VigilQuery
import VigilRules
import VigilSyntax

/// Lowers a rule's Kibana `filters` (and a threat-match rule's `threat_filters`) to the predicate IR. Each filter is
/// an Elasticsearch query-DSL object with `meta` flags: `disabled` filters are skipped, `negate`d ones inverted, and
/// the rest ANDed with the rule's query.
///
/// `match_phrase`, `term`, `match` and `exists` mean what a KQL `field:"value"` and `field:*` mean, so they are
/// lowered by ``KQLLowering/phrase(field:value:fields:)`` and ``KQLLowering/exists(field:fields:)``; `wildcard`,
/// `prefix`, `terms` and `bool` are built here.
public enum KibanaFilterLowering {
  public static func lower(_ filters: [RuleValue], fields: inout FieldResolver) -> LoweringResult {
    var diagnostics: [Diagnostic] = []
    var predicates: [Predicate] = []
    for filter in filters {
      guard let table = filter.table else {
        diagnostics.append(.error("filter.shape", "a filter must be a table, found \(filter.typeDescription)"))
        continue
      }
      let meta = table["meta"]?.table ?? [:]
      if meta["disabled"]?.bool == true { continue }
      // Older Kibana filters put the query type (`exists`, `range`, …) beside `meta` instead of under `query`.
      let query = table["query"]?.table ?? table.filter { $0.key != "meta" && $0.key != "$state" }
      let predicate = lowerQuery(query, fields: &fields, diagnostics: &diagnostics)
      predicates.append(meta["negate"]?.bool == true ? .not(predicate) : predicate)
    }
    return LoweringResult(predicate: .and(predicates), diagnostics: diagnostics)
  }

  static func lowerQuery(
    _ query: [String: RuleValue], fields: inout FieldResolver, diagnostics: inout [Diagnostic]
  ) -> Predicate {
    guard query.count == 1, let (kind, body) = query.first else {
      diagnostics.append(.error("filter.shape", "a filter query must have exactly one query type"))
      return .never
    }
    switch kind {
    case "bool":
      return lowerBool(body.table ?? [:], fields: &fields, diagnostics: &diagnostics)
    case "match_phrase", "match", "term":
      guard let (field, value) = fieldAndValue(body, valueKey: kind == "term" ? "value" : "query") else { break }
      return collect(KQLLowering.phrase(field: field, value: value, fields: &fields), into: &diagnostics)
    case "exists":
      guard let field = body["field"]?.string else { break }
      return collect(KQLLowering.exists(field: field, fields: &fields), into: &diagnostics)
    case "terms":
      guard let (field, values) = body.table?.first(where: { $0.key != "boost" }), let list = values.array else {
        break
      }
      let alternatives = list.compactMap(Self.text).map { value -> Predicate in
        collect(KQLLowering.phrase(field: field, value: value, fields: &fields), into: &diagnostics)
      }
      return .or(alternatives)
    case "wildcard", "prefix":
      guard let (field, value) = fieldAndValue(body, valueKey: "value") else { break }
      let caseInsensitive = body[field]?["case_insensitive"]?.bool ?? false
      let pattern = kind == "prefix" ? WildcardPattern.escaped(value) + "*" : value
      let binding = fields.bind(field)
      return .test(
        FieldTest(
          field: binding.id,
          condition: .wildcard(
            WildcardPattern(pattern, escaping: .backslashAny, caseInsensitive: caseInsensitive))))
    default:
      diagnostics.append(.error("filter.unsupported", "filters of type '\(kind)' are not supported yet"))
      return .never
    }
    diagnostics.append(.error("filter.shape", "a '\(kind)' filter has an unexpected shape"))
    return .never
  }

  private static func lowerBool(
    _ body: [String: RuleValue], fields: inout FieldResolver, diagnostics: inout [Diagnostic]
  ) -> Predicate {
    func clauses(_ key: String) -> [Predicate] {
      let value = body[key]
      let items = value?.array ?? (value.map { [$0] } ?? [])
      return items.map { lowerQuery($0.table ?? [:], fields: &fields, diagnostics: &diagnostics) }
    }
    var parts = clauses("must") + clauses("filter")
    parts += clauses("must_not").map { .not($0) }
    let should = clauses("should")
    if !should.isEmpty {
      let minimum = body["minimum_should_match"]?.integer ?? (parts.isEmpty ? 1 : 0)
      if minimum > 1 {
        diagnostics.append(.error("filter.unsupported", "minimum_should_match above 1 is not supported yet"))
      }
      if minimum >= 1 { parts.append(.or(should)) }
    }
    return .and(parts)
  }

  /// The predicate of a lowering, its diagnostics kept without ranges (they point into no text the user wrote).
  private static func collect(_ result: LoweringResult, into diagnostics: inout [Diagnostic]) -> Predicate {
    diagnostics += result.diagnostics.map { Diagnostic(id: $0.id, severity: $0.severity, message: $0.message) }
    return result.predicate
  }

  /// `{field: value}` or `{field: {valueKey: value, …}}`.
  private static func fieldAndValue(_ body: RuleValue, valueKey: String) -> (String, String)? {
    guard let (field, value) = body.table?.first else { return nil }
    if let text = text(value) { return (field, text) }
    guard let nested = value.table?[valueKey], let text = text(nested) else { return nil }
    return (field, text)
  }

  private static func text(_ value: RuleValue) -> String? {
    switch value {
    case .string(let text): text
    case .integer(let int): String(int)
    case .float(let double): String(double)
    case .bool(let bool): String(bool)
    default: nil
    }
  }
}
