/// One compiled command of an ES|QL pipeline (after `FROM`).
enum ESQLStage: Sendable {
  case filter(ESQLExpression)
  case eval([(column: String, expression: ESQLExpression)])
  case stats(ESQLStatsPlan)
  case keep([ESQLNamePattern])
  case drop([ESQLNamePattern])
  case rename([ESQLRename])
  case sort([ESQLSortKey])
  case limit(Int)
  case mvExpand(String)
  case dissect(ESQLExpression, ESQLDissectPattern)
  case grok(ESQLExpression, ESQLGrokPattern)

  /// Whether the stage needs all rows before it can output any (`STATS`, `INLINE STATS`, `SORT`, `LIMIT`).
  var isBlocking: Bool {
    switch self {
    case .stats, .sort, .limit: true
    default: false
    }
  }
}
