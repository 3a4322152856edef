import VigilEvents
import VigilQuery
import VigilSyntax

extension KQLLowering {
  /// Free text (`quick`, `"quick brown"`, `qu*ck`, `(a or b)`) and `*:value`: the value is looked for in every field.
  ///
  /// Kibana sends `multi_match` (type `phrase` for a quoted value, else `best_fields`) with `lenient: true`, or for a
  /// wildcard value `query_string` over every field (lenient there too): each field matches by its type, and a
  /// field whose type cannot take the value is skipped. So each literal is lowered once per field type, leniently,
  /// and the conditions are kept by type in an ``AnyFieldQuery``.
  mutating func lowerAnyField(_ value: KQLValueExpression, range: Range<Int>) -> Predicate {
    guard allowsAnyField else {
      diagnostics.append(
        .error(
          "kql.free-text",
          "a value without a field (free text) reads every field, which is supported by `vigil query` only",
          at: range))
      return .never
    }
    let wasLenient = lenient
    lenient = true
    defer { lenient = wasLenient }
    return lowerAnyFieldValue(value)
  }

  private mutating func lowerAnyFieldValue(_ expression: KQLValueExpression) -> Predicate {
    switch expression.kind {
    case .or(let items): return .or(items.map { lowerAnyFieldValue($0) })
    case .and(let items): return .and(items.map { lowerAnyFieldValue($0) })
    case .not(let item): return .not(lowerAnyFieldValue(item))
    case .value(let literal):
      // A lone `*` is "some field exists", which every document has.
      if literal.isLoneWildcard { return .always }
      var conditions: [FieldType: FieldCondition] = [:]
      for type in FieldType.allCases where !Self.neverSearched.contains(type) {
        let binding = FieldBinding(name: "*", sourcePath: "*", id: FieldID(rawValue: 0), type: type)
        if case .test(let test) = lowerLiteral(literal, binding) { conditions[type] = test.condition }
      }
      return .anyField(AnyFieldQuery(conditions: conditions))
    }
  }

  /// Types a free-text value never matches: objects hold no value of their own, and Vigil does not search the
  /// values of these types (Elasticsearch's lenient query skips them for ordinary text).
  private static let neverSearched: Set<FieldType> = [.object, .nested, .geoPoint, .alias, .histogram, .binary]
}
