import VigilEvents

/// A value looked for in every field of an event: KQL free text (`quick`, `"quick brown"`, `qu*ck`) and `*:value`.
///
/// Kibana sends these as Elasticsearch `multi_match` (or `query_string` for wildcards) over every field with
/// `lenient: true`: each field matches the value by its own type, and fields whose type cannot take the value
/// (`quick` on a `long` field) are skipped. The lowering therefore gives one condition per field type; a value
/// matches when any value of any field (a multi-field's types included) satisfies the condition of its type.
///
/// Evaluating it needs the event's field names (``Event/fieldPaths``), which only a decoder of every field records
/// (``EventDecoder/init(catalog:decodesAllFields:)``): on an event decoded with fewer fields it never holds.
public struct AnyFieldQuery: Hashable, Sendable {
  /// The condition for each field type the value applies to; a type that is absent never matches.
  public let conditions: [FieldType: FieldCondition]

  /// A query whose value matches fields of each type by `conditions`.
  public init(conditions: [FieldType: FieldCondition]) {
    self.conditions = conditions
  }

  /// Whether any value of any field of `event` matches.
  public func holds(in event: Event) -> Bool {
    guard let paths = event.fieldPaths, !conditions.isEmpty else { return false }
    for field in event.fields where field.index < paths.count {
      let path = paths[field.index]
      let multiFieldTypes = FieldTypes.multiFieldTypes(of: path)
      for value in event.values(field) {
        if let type = FieldTypes.type(of: path, value: value), let condition = conditions[type],
          condition.isSatisfied(by: value, in: event)
        {
          return true
        }
        for type in multiFieldTypes {
          if let condition = conditions[type], condition.isSatisfied(by: value, in: event) { return true }
        }
      }
    }
    return false
  }
}
