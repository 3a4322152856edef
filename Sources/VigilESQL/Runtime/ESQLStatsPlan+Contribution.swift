extension ESQLStatsPlan {
  /// The values one row brings to the groups: its `BY` values, then its inputs (``ESQLGroups/Contributions``).
  var contributionWidth: Int { groupings.count + inputs.count }

  /// Evaluates what a row brings to the groups of this `STATS` and appends it to `contributions`, without adding it
  /// to groups: `view` reads ``references``.
  func contribute(
    _ view: ESQLRowView, evaluator: inout ESQLEvaluator, into contributions: inout ESQLGroups.Contributions
  ) {
    // Sized for one row, which most events make; more rows grow the arrays as appending does.
    if contributions.count == 0 { contributions.values.reserveCapacity(contributionWidth) }
    contributions.count += 1
    let sortsByKey = self.sortsByKey
    if sortsByKey && contributions.sortKeys.isEmpty { contributions.sortKeys.reserveCapacity(inputs.count) }
    // By index: a `for … in` loop copied each grouping and aggregate (retaining its name, options and expressions)
    // for every row.
    for index in groupings.indices {
      contributions.values.append(evaluator.evaluate(groupings[index].expression, view))
    }
    for input in inputs.indices {
      let index = inputs[input]
      if let filter = aggregates[index].filter, !evaluator.holds(filter, view) {
        contributions.values.append(.null)
        if sortsByKey { contributions.sortKeys.append(.null) }
        continue
      }
      contributions.values.append(aggregates[index].argument.map { evaluator.evaluate($0, view) } ?? .boolean(true))
      if sortsByKey {
        contributions.sortKeys.append(
          aggregates[index].sortsByKey
            ? aggregates[index].options.first.map { evaluator.evaluate($0, view) } ?? .null : nil)
      }
    }
  }
}
