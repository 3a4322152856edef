extension ESQLStatsPlan {
  /// Evaluates what a row brings to the groups of this `STATS`, without adding it: `view` reads ``references``.
  func contribution(of view: ESQLRowView, evaluator: inout ESQLEvaluator) -> ESQLGroups.Contribution {
    var contribution = ESQLGroups.Contribution(key: [], multiValued: false, inputs: [], sortKeys: [])
    contribution.key.reserveCapacity(groupings.count)
    contribution.inputs.reserveCapacity(inputs.count)
    let sortsByKey = self.sortsByKey
    if sortsByKey { contribution.sortKeys.reserveCapacity(inputs.count) }
    // By index: a `for … in` loop copied each grouping and aggregate (retaining its name, options and expressions)
    // for every row.
    for index in groupings.indices {
      let value = evaluator.evaluate(groupings[index].expression, view)
      contribution.multiValued = contribution.multiValued || value.isMulti
      contribution.key.append(value)
    }
    for input in inputs.indices {
      let index = inputs[input]
      if let filter = aggregates[index].filter, !evaluator.holds(filter, view) {
        contribution.inputs.append(.null)
        if sortsByKey { contribution.sortKeys.append(.null) }
        continue
      }
      contribution.inputs.append(aggregates[index].argument.map { evaluator.evaluate($0, view) } ?? .boolean(true))
      if sortsByKey {
        contribution.sortKeys.append(
          aggregates[index].sortsByKey
            ? aggregates[index].options.first.map { evaluator.evaluate($0, view) } ?? .null : nil)
      }
    }
    return contribution
  }
}
