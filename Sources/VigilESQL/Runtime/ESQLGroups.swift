/// The groups of a `STATS … BY` as rows arrive: per distinct key, the accumulators of every aggregate.
///
/// A row whose `BY` value is multi-valued goes to the group of each value (every combination, with several `BY`
/// columns), and a `null` key is a group of its own, as in Elasticsearch.
struct ESQLGroups {
  let plan: ESQLStatsPlan
  private(set) var keys: [[ESQLValue]] = []
  private var index: [GroupKey: Int] = [:]
  /// The accumulators of every group, group after group (one per ``ESQLStatsPlan/inputs`` each): one flat array,
  /// so that adding to one is one access.
  private var states: [ESQLAccumulator] = []
  /// For `INLINE STATS` (only): the groups each row joined, by row position.
  private(set) var memberships: [[Int]] = []

  init(plan: ESQLStatsPlan) {
    self.plan = plan
  }

  /// What rows bring to the groups, row after row: each row's `BY` values and each aggregate's input, evaluated
  /// once, so that the same rows can go to the groups of several runs (overlapping windows) without being evaluated
  /// again (``ESQLStatsPlan/contribute(_:evaluator:into:)``). One array for all, rather than arrays per row.
  struct Contributions: Sendable {
    /// Per row, ``ESQLStatsPlan/contributionWidth`` values: the `BY` values, then per state the groups keep
    /// (``ESQLStatsPlan/inputs``) the value it takes in.
    var values: [ESQLValue] = []
    /// Per row and state, the sort key of `FIRST`/`LAST` (`nil` for the others); empty when the plan has neither.
    var sortKeys: [ESQLValue?] = []
    /// The rows.
    var count = 0

    /// Empties the contributions, keeping their storage unless it grew past a few rows' worth (a multi-valued
    /// event's), so that what reuses it stays small.
    mutating func removeAll() {
      let keepsStorage = values.capacity <= Self.keptCapacity
      values.removeAll(keepingCapacity: keepsStorage)
      sortKeys.removeAll(keepingCapacity: keepsStorage)
      count = 0
    }

    /// The most values whose storage ``removeAll()`` keeps.
    static let keptCapacity = 64
  }

  /// Adds each row's contribution to its group (to the group of each combination of values, for multi-valued
  /// keys).
  mutating func add(_ contributions: Contributions) {
    let width = plan.contributionWidth
    for row in 0..<contributions.count { add(contributions, row: row, start: row * width) }
  }

  private mutating func add(_ contributions: Contributions, row: Int, start: Int) {
    let keyCount = plan.groupings.count
    let values = contributions.values
    let inputs = start + keyCount
    let sortKeys = contributions.sortKeys.isEmpty ? -1 : row * plan.inputs.count
    guard values[start..<inputs].contains(where: \.isMulti) else {
      let slot = self.slot(for: GroupKey(values: values, start: start, count: keyCount))
      accumulate(values, from: inputs, contributions.sortKeys, from: sortKeys, into: slot)
      if plan.inline { memberships.append([slot]) }
      return
    }
    var combinations: [[ESQLValue]] = [[]]
    for value in values[start..<inputs] {
      let elements = value.isNull ? [ESQLValue.null] : value.elements
      combinations = combinations.flatMap { prefix in elements.map { prefix + [$0] } }
    }
    var joined: [Int] = []
    for combination in combinations {
      let slot = self.slot(for: GroupKey(values: combination, start: 0, count: combination.count))
      joined.append(slot)
      accumulate(values, from: inputs, contributions.sortKeys, from: sortKeys, into: slot)
    }
    if plan.inline { memberships.append(joined) }
  }

  /// Adds a row.
  mutating func add(_ row: ESQLRow, slots: [Int], evaluator: inout ESQLEvaluator) {
    var contributions = Contributions()
    plan.contribute(ESQLRowView(values: row.values, slots: slots), evaluator: &evaluator, into: &contributions)
    add(contributions)
  }

  /// A group's key: `count` values of `values` from `start`, so that a row's key is looked up where it lies,
  /// without an array of its own.
  private struct GroupKey: Hashable {
    let values: [ESQLValue]
    let start: Int
    let count: Int

    static func == (a: GroupKey, b: GroupKey) -> Bool {
      a.count == b.count && (0..<a.count).allSatisfy { a.values[a.start + $0] == b.values[b.start + $0] }
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(count)
      for position in start..<start + count { hasher.combine(values[position]) }
    }
  }

  /// The group of a key of single values, created when new.
  private mutating func slot(for key: GroupKey) -> Int {
    if let existing = index[key] { return existing }
    let slot = keys.count
    let values = Array(key.values[key.start..<key.start + key.count])
    index[GroupKey(values: values, start: 0, count: values.count)] = slot
    keys.append(values)
    for input in plan.inputs { states.append(ESQLAccumulator(plan.aggregates[input].function)) }
    return slot
  }

  /// Adds the inputs in `values` from `inputs` (one per plan input) to the group's states, with the sort keys in
  /// `sortKeys` from `sortKeysStart` (`-1`: none).
  private mutating func accumulate(
    _ values: [ESQLValue], from inputs: Int, _ sortKeys: [ESQLValue?], from sortKeysStart: Int, into slot: Int
  ) {
    let count = plan.inputs.count
    let first = slot * count
    for position in 0..<count {
      if sortKeysStart >= 0, let key = sortKeys[sortKeysStart + position] {
        states[first + position].add(values[inputs + position], key: key)
      } else {
        states[first + position].add(values[inputs + position])
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
