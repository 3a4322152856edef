/// One compiled command of an ES|QL pipeline (after `FROM`). Expressions are compiled, and number the columns they
/// read in the stage's ``ESQLColumnReferences``.
enum ESQLStage: Sendable {
  case filter(ESQLCompiledExpression, ESQLColumnReferences)
  case eval([ESQLEvalStep])
  case stats(ESQLStatsPlan)
  case keep([ESQLNamePattern])
  case drop([ESQLNamePattern])
  case rename([ESQLRename])
  case sort([ESQLCompiledSortKey], ESQLColumnReferences)
  case limit(Int)
  case mvExpand(String)
  case dissect(ESQLCompiledExpression, ESQLColumnReferences, ESQLDissectPattern)
  case grok(ESQLCompiledExpression, ESQLColumnReferences, ESQLGrokPattern)

  /// Whether the stage needs all rows before it can output any (`STATS`, `INLINE STATS`, `SORT`, `LIMIT`).
  var isBlocking: Bool {
    switch self {
    case .stats, .sort, .limit: true
    default: false
    }
  }
}

/// One assignment of an `EVAL`: it sees the columns the assignments before it made.
struct ESQLEvalStep: Sendable {
  var column: String
  var expression: ESQLCompiledExpression
  var references: ESQLColumnReferences
}

/// A compiled `SORT` key.
struct ESQLCompiledSortKey: Sendable {
  var expression: ESQLCompiledExpression
  var ascending: Bool
  var nullsFirst: Bool
}
