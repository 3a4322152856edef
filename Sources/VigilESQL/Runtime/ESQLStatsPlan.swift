/// A compiled `STATS` or `INLINE STATS`.
struct ESQLStatsPlan: Sendable {
  struct Aggregate: Sendable {
    let function: String
    /// The argument; `nil` for `COUNT(*)` and `COUNT()`.
    var argument: ESQLCompiledExpression?
    /// Extra constant arguments (`TOP`'s limit and order), or the sort key of `FIRST`/`LAST`.
    var options: [ESQLCompiledExpression]
    var filter: ESQLCompiledExpression?
    /// Whether the aggregate keeps the value of the row with the extreme sort key (`FIRST`, `LAST`): decided once,
    /// as each row's contribution asks.
    let sortsByKey: Bool

    init(
      function: String, argument: ESQLCompiledExpression?, options: [ESQLCompiledExpression],
      filter: ESQLCompiledExpression?
    ) {
      self.function = function
      self.argument = argument
      self.options = options
      self.filter = filter
      sortsByKey = function == "FIRST" || function == "LAST"
    }
  }

  var inline: Bool
  /// Every aggregate function call, numbered; outputs refer to them as columns named ``slot(_:)``.
  var aggregates: [Aggregate]
  /// The aggregates whose states the groups keep, by position in ``aggregates``: one per distinct state, which the
  /// aggregates that need the same one share (`COUNT_DISTINCT(x)` and `VALUES(x)` keep one set of `x`: 103 of the
  /// corpus's 212 ES|QL rules ask for both).
  var inputs: [Int]
  /// Per aggregate, the position in ``inputs`` of the state it reads.
  var inputOfAggregate: [Int]
  /// The columns of the input rows that the aggregates' arguments, options and filters and the groupings read.
  var references: ESQLColumnReferences
  /// The output columns: name and the expression over the aggregate results.
  var outputs: [(column: String, expression: ESQLCompiledExpression)]
  /// Per column ``outputs`` read, its position among the aggregate results (`-1`: not an aggregate, `null`).
  var outputSlots: [Int]
  var groupings: [(column: String, expression: ESQLCompiledExpression)]
  /// Whether an aggregate sorts by key (``Aggregate/sortsByKey``): contributions then carry sort keys.
  var sortsByKey: Bool { aggregates.contains(where: \.sortsByKey) }

  /// The state an aggregate function keeps: the same for `COUNT_DISTINCT` and `VALUES`.
  static func accumulator(of function: String) -> String { function == "VALUES" ? "COUNT_DISTINCT" : function }

  /// The hidden column name of an aggregate's result while outputs are computed.
  static func slot(_ index: Int) -> String { "\u{0}agg\(index)" }
}
