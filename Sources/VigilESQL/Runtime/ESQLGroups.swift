/// The groups of a `STATS … BY` as rows arrive: per distinct key, the accumulators of every aggregate.
///
/// A row whose `BY` value is multi-valued goes to the group of each value (every combination, with several `BY`
/// columns), and a `null` key is a group of its own, as in Elasticsearch.
struct ESQLGroups {
  let plan: ESQLStatsPlan
  private(set) var keys: [[ESQLValue]] = []
  private var index: [[ESQLValue]: Int] = [:]
  private var states: [[ESQLAccumulator]] = []
  /// For `INLINE STATS` (only): the groups each row joined, by row position.
  private(set) var memberships: [[Int]] = []
  private var scratchKey: [ESQLValue] = []
  private var scratchInputs: [ESQLValue] = []
  private var scratchSortKeys: [ESQLValue?] = []

  init(plan: ESQLStatsPlan) {
    self.plan = plan
  }

  mutating func add(_ row: ESQLRow, evaluator: inout ESQLEvaluator) {
    // The key and the inputs go to buffers kept between rows: no allocation per row once groups exist.
    var key = scratchKey
    var inputs = scratchInputs
    var sortKeys = scratchSortKeys
    scratchKey = []
    scratchInputs = []
    scratchSortKeys = []
    key.removeAll(keepingCapacity: true)
    inputs.removeAll(keepingCapacity: true)
    sortKeys.removeAll(keepingCapacity: true)
    defer {
      scratchKey = key
      scratchInputs = inputs
      scratchSortKeys = sortKeys
    }
    var multiValued = false
    for grouping in plan.groupings {
      let value = evaluator.evaluate(grouping.expression, row)
      multiValued = multiValued || value.isMulti
      key.append(value)
    }
    for aggregate in plan.aggregates {
      if let filter = aggregate.filter, !evaluator.holds(filter, row) {
        inputs.append(.null)
        sortKeys.append(.null)
        continue
      }
      inputs.append(aggregate.argument.map { evaluator.evaluate($0, row) } ?? .boolean(true))
      sortKeys.append(aggregate.sortsByKey ? aggregate.options.first.map { evaluator.evaluate($0, row) } ?? .null : nil)
    }
    guard multiValued else {
      let slot = self.slot(for: key)
      accumulate(inputs, sortKeys, into: slot)
      if plan.inline { memberships.append([slot]) }
      return
    }
    var combinations: [[ESQLValue]] = [[]]
    for value in key {
      let elements = value.isNull ? [ESQLValue.null] : value.elements
      combinations = combinations.flatMap { prefix in elements.map { prefix + [$0] } }
    }
    var joined: [Int] = []
    for combination in combinations {
      let slot = self.slot(for: combination)
      joined.append(slot)
      accumulate(inputs, sortKeys, into: slot)
    }
    if plan.inline { memberships.append(joined) }
  }

  /// The group of a key of single values, created when new.
  private mutating func slot(for key: [ESQLValue]) -> Int {
    if let existing = index[key] { return existing }
    let slot = keys.count
    index[key] = slot
    keys.append(key)
    states.append(plan.aggregates.map { ESQLAccumulator($0.function) })
    return slot
  }

  private mutating func accumulate(_ inputs: [ESQLValue], _ sortKeys: [ESQLValue?], into slot: Int) {
    for position in inputs.indices {
      if let key = sortKeys[position] {
        states[slot][position].add(inputs[position], key: key)
      } else {
        states[slot][position].add(inputs[position])
      }
    }
  }

  /// One row per group: the aggregates, then the `BY` columns. Without `BY`, one row even when no row came in.
  mutating func rows(evaluator: inout ESQLEvaluator) -> [ESQLRow] {
    if plan.groupings.isEmpty && keys.isEmpty {
      keys = [[]]
      states = [plan.aggregates.map { ESQLAccumulator($0.function) }]
    }
    return keys.indices.map { aggregateRow($0, evaluator: &evaluator) }
  }

  /// The aggregate columns of a group (and its `BY` columns).
  func aggregateRow(_ group: Int, evaluator: inout ESQLEvaluator) -> ESQLRow {
    var slots = ESQLRow()
    for (position, aggregate) in plan.aggregates.enumerated() {
      let constant = aggregate.function != "FIRST" && aggregate.function != "LAST"
      let options = constant ? aggregate.options.map { evaluator.evaluate($0, ESQLRow()) } : []
      slots.append(
        ESQLStatsPlan.slot(position),
        states[group][position].result(aggregate.function, options: options, warnings: &evaluator.warnings))
    }
    var row = ESQLRow()
    for output in plan.outputs { row.append(output.column, evaluator.evaluate(output.expression, slots)) }
    for (position, grouping) in plan.groupings.enumerated() { row.append(grouping.column, keys[group][position]) }
    return row
  }
}
