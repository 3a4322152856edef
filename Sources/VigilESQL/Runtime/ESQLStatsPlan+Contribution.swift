extension ESQLStatsPlan {
  /// Evaluates what a row brings to the groups of this `STATS`, without adding it: `view` reads ``references``.
  func contribution(of view: ESQLRowView, evaluator: inout ESQLEvaluator) -> ESQLGroups.Contribution {
    var contribution = ESQLGroups.Contribution(key: [], multiValued: false, inputs: [], sortKeys: [])
    contribution.key.reserveCapacity(groupings.count)
    contribution.inputs.reserveCapacity(aggregates.count)
    let sortsByKey = self.sortsByKey
    if sortsByKey { contribution.sortKeys.reserveCapacity(aggregates.count) }
    for grouping in groupings {
      let value = evaluator.evaluate(grouping.expression, view)
      contribution.multiValued = contribution.multiValued || value.isMulti
      contribution.key.append(value)
    }
    for aggregate in aggregates {
      if let filter = aggregate.filter, !evaluator.holds(filter, view) {
        contribution.inputs.append(.null)
        if sortsByKey { contribution.sortKeys.append(.null) }
        continue
      }
      contribution.inputs.append(aggregate.argument.map { evaluator.evaluate($0, view) } ?? .boolean(true))
      if sortsByKey {
        contribution.sortKeys.append(
          aggregate.sortsByKey ? aggregate.options.first.map { evaluator.evaluate($0, view) } ?? .null : nil)
      }
    }
    return contribution
  }
}
