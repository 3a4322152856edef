/// A compiled `STATS` or `INLINE STATS`.
struct ESQLStatsPlan: Sendable {
  struct Aggregate: Sendable {
    var function: String
    /// The argument; `nil` for `COUNT(*)` and `COUNT()`.
    var argument: ESQLExpression?
    /// Extra constant arguments (`TOP`'s limit and order).
    var options: [ESQLExpression]
    var filter: ESQLExpression?

    /// Whether the aggregate keeps the value of the row with the extreme sort key (`FIRST`, `LAST`).
    var sortsByKey: Bool { function == "FIRST" || function == "LAST" }
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
