/// The groups of a `STATS … BY` as rows arrive: per distinct key, the accumulators of every aggregate.
///
/// A row whose `BY` value is multi-valued goes to the group of each value (every combination, with several `BY`
/// columns), and a `null` key is a group of its own, as in Elasticsearch.
struct ESQLGroups {
  let plan: ESQLStatsPlan
  private(set) var keys: [[ESQLValue]] = []
  private var index: [[ESQLValue]: Int] = [:]
  /// The accumulators of every group, group after group (one per ``ESQLStatsPlan/inputs`` each): one flat array,
  /// so that adding to one is one access.
  private var states: [ESQLAccumulator] = []
  /// For `INLINE STATS` (only): the groups each row joined, by row position.
  private(set) var memberships: [[Int]] = []

  init(plan: ESQLStatsPlan) {
    self.plan = plan
  }

  /// What a row brings to the groups: its `BY` values and each aggregate's input, evaluated once, so that the same
  /// row can go to the groups of several runs (overlapping windows) without being evaluated again
  /// (``ESQLStatsPlan/contribution(of:evaluator:)``).
  struct Contribution: Sendable {
    var key: [ESQLValue]
    var multiValued: Bool
    /// Per state the groups keep (``ESQLStatsPlan/inputs``), the value it takes in.
    var inputs: [ESQLValue]
    /// Per state, the sort key of `FIRST`/`LAST` (`nil` for the others); empty when the plan has neither.
    var sortKeys: [ESQLValue?]
  }

  /// Adds a row's contribution to its group (to the group of each combination of values, for multi-valued keys).
  mutating func add(_ contribution: Contribution) {
    guard contribution.multiValued else {
      let slot = self.slot(for: contribution.key)
      accumulate(contribution.inputs, contribution.sortKeys, into: slot)
      if plan.inline { memberships.append([slot]) }
      return
    }
    var combinations: [[ESQLValue]] = [[]]
    for value in contribution.key {
      let elements = value.isNull ? [ESQLValue.null] : value.elements
      combinations = combinations.flatMap { prefix in elements.map { prefix + [$0] } }
    }
    var joined: [Int] = []
    for combination in combinations {
      let slot = self.slot(for: combination)
      joined.append(slot)
      accumulate(contribution.inputs, contribution.sortKeys, into: slot)
    }
    if plan.inline { memberships.append(joined) }
  }

  /// Adds a row.
  mutating func add(_ row: ESQLRow, slots: [Int], evaluator: inout ESQLEvaluator) {
    add(plan.contribution(of: ESQLRowView(values: row.values, slots: slots), evaluator: &evaluator))
  }

  /// The group of a key of single values, created when new.
  private mutating func slot(for key: [ESQLValue]) -> Int {
    if let existing = index[key] { return existing }
    let slot = keys.count
    index[key] = slot
    keys.append(key)
    for input in plan.inputs { states.append(ESQLAccumulator(plan.aggregates[input].function)) }
    return slot
  }

  private mutating func accumulate(_ inputs: [ESQLValue], _ sortKeys: [ESQLValue?], into slot: Int) {
    let first = slot * inputs.count  // one per plan input
    for position in inputs.indices {
      if !sortKeys.isEmpty, let key = sortKeys[position] {
        states[first + position].add(inputs[position], key: key)
      } else {
        states[first + position].add(inputs[position])
      }
    }
  }

  /// One row per group: the aggregates, then the `BY` columns. Without `BY`, one row even when no row came in.
  mutating func rows(evaluator: inout ESQLEvaluator) -> [ESQLRow] {
    if plan.groupings.isEmpty && keys.isEmpty {
      keys = [[]]
      states = plan.inputs.map { ESQLAccumulator(plan.aggregates[$0].function) }
    }
    return keys.indices.map { aggregateRow($0, evaluator: &evaluator) }
  }

  /// The aggregate columns of a group (and its `BY` columns).
  func aggregateRow(_ group: Int, evaluator: inout ESQLEvaluator) -> ESQLRow {
    let empty = ESQLRowView(values: [], slots: Array(repeating: -1, count: plan.references.names.count))
    var results: [ESQLValue] = []
    for (position, aggregate) in plan.aggregates.enumerated() {
      let options = aggregate.sortsByKey ? [] : aggregate.options.map { evaluator.evaluate($0, empty) }
      results.append(
        states[group * plan.inputs.count + plan.inputOfAggregate[position]].result(
          aggregate.function, options: options, warnings: &evaluator.warnings))
    }
    let view = ESQLRowView(values: results, slots: plan.outputSlots)
    var row = ESQLRow()
    for output in plan.outputs { row.append(output.column, evaluator.evaluate(output.expression, view)) }
    for (position, grouping) in plan.groupings.enumerated() { row.append(grouping.column, keys[group][position]) }
    return row
  }
}
