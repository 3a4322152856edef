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

/// A compiled `STATS` or `INLINE STATS`.
struct ESQLStatsPlan: Sendable {
  struct Aggregate: Sendable {
    var function: String
    /// The argument; `nil` for `COUNT(*)` and `COUNT()`.
    var argument: ESQLExpression?
    /// Extra constant arguments (`TOP`'s limit and order).
    var options: [ESQLExpression]
    var filter: ESQLExpression?
  }

  var inline: Bool
  /// Every aggregate function call, numbered; outputs refer to them as columns named ``slot(_:)``.
  var aggregates: [Aggregate]
  /// The output columns: name and the expression over the aggregate slots.
  var outputs: [(column: String, expression: ESQLExpression)]
  var groupings: [(column: String, expression: ESQLExpression)]

  /// The hidden column name of an aggregate's result while outputs are computed.
  static func slot(_ index: Int) -> String { "\u{0}agg\(index)" }
}
