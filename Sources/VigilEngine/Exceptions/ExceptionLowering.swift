import VigilKQL
import VigilQuery
import VigilSyntax

/// Lowers exception items to the predicate that an event must NOT satisfy: items ORed, each item's entries ANDed,
/// `excluded` entries inverted, `os_types` as `host.os.type` (or `host.os.name`) conditions.
///
/// `match` and `match_any` mean what a KQL `field:"value"` means (Elasticsearch `match_phrase`), so they are lowered
/// by ``KQLLowering/phrase(field:value:fields:)``; `wildcard` is an Elasticsearch wildcard query.
public enum ExceptionLowering {
  /// The predicate matching events that any of `items` excepts; `.never` when there are none.
  public static func lower(_ items: [ExceptionItem], now: Int64, fields: inout FieldResolver) -> LoweringResult {
    var diagnostics: [Diagnostic] = []
    var alternatives: [Predicate] = []
    for item in items where item.expireTime.map({ $0 >= now }) ?? true {
      var parts = item.entries.map { lower($0, prefix: "", fields: &fields, diagnostics: &diagnostics) }
      if !item.osTypes.isEmpty {
        parts.append(.or(item.osTypes.flatMap { os in
          [phrase("host.os.type", os, fields: &fields, diagnostics: &diagnostics),
           phrase("host.os.name.caseless", os, fields: &fields, diagnostics: &diagnostics)]
        }))
      }
      alternatives.append(.and(parts))
    }
    return LoweringResult(predicate: .or(alternatives), diagnostics: diagnostics)
  }

  static func lower(
    _ entry: ExceptionItem.Entry, prefix: String, fields: inout FieldResolver, diagnostics: inout [Diagnostic]
  ) -> Predicate {
    switch entry {
    case .nested(let path, let entries):
      return .and(entries.map { lower($0, prefix: prefix + path + ".", fields: &fields, diagnostics: &diagnostics) })
    case .field(let name, let kind, let excluded):
      let field = prefix + name
      let predicate: Predicate
      switch kind {
      case .match(let value):
        predicate = phrase(field, value, fields: &fields, diagnostics: &diagnostics)
      case .matchAny(let values):
        predicate = .or(values.map { phrase(field, $0, fields: &fields, diagnostics: &diagnostics) })
      case .wildcard(let pattern):
        predicate = .test(FieldTest(field: fields.bind(field).id, condition: .wildcard(
          WildcardPattern(pattern, escaping: .backslashAny))))
      case .exists:
        let result = KQLLowering.exists(field: field, fields: &fields)
        diagnostics += result.diagnostics
        predicate = result.predicate
      case .list(let id):
        diagnostics.append(.error("exception.value-list", "exception entries on value lists ('\(id)') are not supported yet"))
        predicate = .never
      }
      return excluded ? .not(predicate) : predicate
    }
  }

  static func phrase(
    _ field: String, _ value: String, fields: inout FieldResolver, diagnostics: inout [Diagnostic]
  ) -> Predicate {
    let result = KQLLowering.phrase(field: field, value: value, fields: &fields)
    diagnostics += result.diagnostics
    return result.predicate
  }
}
