import VigilEvents
import VigilQuery
import VigilSyntax

/// Lowers a parsed KQL query to the shared ``Predicate`` IR with Elasticsearch's matching semantics, chosen per
/// field by its type (see `docs/kql.md`): keyword fields exact and case-sensitive, wildcards as Elasticsearch
/// `wildcard` queries, `text` fields analysed, numbers, dates and booleans by value, unknown fields by the JSON type
/// of each value.
public struct KQLLowering {
  var fields: FieldResolver
  var diagnostics: [Diagnostic] = []
  /// The run time, in nanoseconds, for date math such as `now-30d` in range bounds.
  let now: Int64?
  /// Whether free text and `*:value` lower to ``Predicate/anyField(_:)`` queries (else they are errors).
  var allowsAnyField = false
  /// Whether a field whose type cannot take a value is skipped rather than an error, as Elasticsearch's
  /// `lenient: true` does: set while lowering free text and field patterns (`process.*:bash`).
  var lenient = false

  /// Lowers `query`, binding its fields in `fields`. Pass the run time as `now` when date math must be resolved.
  ///
  /// Free text (`quick`, `"quick brown"`, `qu*ck`) and `*:value` look for the value in every field. They lower to
  /// ``Predicate/anyField(_:)`` only when `allowsAnyField` is set, by callers that decode every field for such
  /// queries (see ``Predicate/readsEveryField``); otherwise they are errors, so that a caller that decodes only the
  /// named fields never runs a query that silently matches nothing.
  public static func lower(
    _ query: KQLQuery, fields: inout FieldResolver, now: Int64? = nil, allowsAnyField: Bool = false
  ) -> LoweringResult {
    var lowering = KQLLowering(fields: fields, now: now, allowsAnyField: allowsAnyField)
    let predicate = lowering.lower(query.root, prefix: "")
    fields = lowering.fields
    return LoweringResult(predicate: predicate, diagnostics: lowering.diagnostics)
  }

  mutating func lower(_ node: KQLNode, prefix: String) -> Predicate {
    switch node.kind {
    case .matchAll:
      return .always
    case .or(let items):
      return .or(items.map { lower($0, prefix: prefix) })
    case .and(let items):
      return .and(items.map { lower($0, prefix: prefix) })
    case .not(let item):
      return .not(lower(item, prefix: prefix))
    case .match(let field, let value):
      return lowerMatch(field: field, value: value, prefix: prefix, range: node.range)
    case .range(let field, let op, let value):
      let wasLenient = lenient
      lenient = field.hasWildcard
      defer { lenient = wasLenient }
      return .or(bindings(of: field, prefix: prefix).map { lowerRange($0, op, value) })
    case .nested(let field, let query):
      // The inner query holds within one object of the nested field: it is compiled against the objects' own
      // fields (typed by their full path) and evaluated on each object.
      let path = prefix + Self.name(of: field)
      var inner = KQLLowering(
        fields: FieldResolver(typePrefix: path + "."), now: now, allowsAnyField: allowsAnyField)
      let predicate = inner.lower(query, prefix: "")
      diagnostics += inner.diagnostics
      return test(fields.bind(path), .nested(NestedQuery(catalog: inner.fields.catalog, predicate: predicate)))
    }
  }

  private mutating func lowerMatch(
    field: KQLLiteral?, value: KQLValueExpression, prefix: String, range: Range<Int>
  ) -> Predicate {
    guard let field, !field.isNoField else { return lowerAnyField(value, range: range) }
    if field.isLoneWildcard {
      if case .value(let literal) = value.kind, literal.isLoneWildcard { return .always }
      return lowerAnyField(value, range: range)
    }
    guard field.hasWildcard else { return .or(bindings(of: field, prefix: prefix).map { lowerValue(value, $0) }) }
    let wasLenient = lenient
    lenient = true
    defer { lenient = wasLenient }
    return .or(bindings(of: field, prefix: prefix).map { lowerValue(value, $0) })
  }

  private mutating func lowerValue(_ expression: KQLValueExpression, _ field: FieldBinding) -> Predicate {
    switch expression.kind {
    case .value(let literal): return lowerLiteral(literal, field)
    case .or(let items): return .or(items.map { lowerValue($0, field) })
    case .and(let items): return .and(items.map { lowerValue($0, field) })
    case .not(let item): return .not(lowerValue(item, field))
    }
  }

  /// The fields a field literal names: itself, or every schema field its `*` pattern matches (Kibana expands field
  /// patterns against the index mapping; a pattern that matches nothing is queried as written).
  mutating func bindings(of field: KQLLiteral, prefix: String) -> [FieldBinding] {
    let name = prefix + Self.name(of: field)
    guard field.hasWildcard else { return [fields.bind(name)] }
    let matches = fields.schemaFields(matching: WildcardPattern(name, escaping: .none))
    return (matches.isEmpty ? [name] : matches).map { fields.bind($0) }
  }

  static func name(of field: KQLLiteral) -> String { field.text }

  func test(_ field: FieldBinding, _ condition: FieldCondition) -> Predicate {
    .test(FieldTest(field: field.id, condition: condition))
  }
}
