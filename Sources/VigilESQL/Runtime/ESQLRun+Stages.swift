extension ESQLRun {
  /// Applies the stage at `position` of the program to rows. `WHERE` and `EVAL`, the commands that run on every
  /// event, change the rows in place: a new array per command and row cost an allocation each.
  mutating func apply(_ position: Int, to rows: inout [ESQLRow]) {
    switch program.stages[position] {
    case .filter(let condition, _):
      // One row (the usual case while streaming) is kept or dropped without the partitioning of `removeAll(where:)`.
      if rows.count == 1 {
        let slots = slots(position, rows[0].columns)
        if !evaluator.holds(condition, ESQLRowView(values: rows[0].values, slots: slots)) { rows = [] }
        return
      }
      rows.removeAll { row in
        let slots = slots(position, row.columns)
        return !evaluator.holds(condition, ESQLRowView(values: row.values, slots: slots))
      }
    case .eval(let steps):
      for index in rows.indices {
        updateLayout(position, for: rows[index].columns)
        // By index: copying each step retained its name and references. The view is a temporary, so that nothing
        // else holds the row's values when the value is appended.
        for step in steps.indices {
          let value = evaluator.evaluate(
            steps[step].expression, ESQLRowView(values: rows[index].values, slots: layouts[position].slots[step]))
          if let replaced = layouts[position].positions[step] { rows[index].values.remove(at: replaced) }
          rows[index].values.append(value)
          rows[index].columns = layouts[position].outputs[step]
        }
      }
    case .stats(let plan):
      var groups = ESQLGroups(plan: plan)
      for row in rows { groups.add(row, slots: slots(position, row.columns), evaluator: &evaluator) }
      guard plan.inline else {
        rows = groups.rows(evaluator: &evaluator)
        return
      }
      // One output row per input row (the command is a join on the group keys): a row whose key is
      // multi-valued joins no group, so its aggregates are null.
      var cache: [Int: ESQLRow] = [:]
      let input = rows
      rows = input.indices.map { position in
        var row = input[position]
        let groupsJoined = groups.memberships[position]
        if groupsJoined.count == 1 {
          let group = groupsJoined[0]
          if cache[group] == nil { cache[group] = groups.aggregateRow(group, evaluator: &evaluator) }
          let aggregated = cache[group]!
          for (column, value) in zip(aggregated.columns, aggregated.values) { row.append(column, value) }
        } else {
          for output in plan.outputs { row.append(output.column, .null) }
          for grouping in plan.groupings {
            let view = ESQLRowView(values: row.values, slots: plan.references.slots(in: row.columns))
            row.append(grouping.column, evaluator.evaluate(grouping.expression, view))
          }
        }
        return row
      }
    case .keep, .drop, .rename:
      rows = rows.map { row in project(row, layout(position, row.columns)) }
    case .sort(let keys, _):
      rows = sorted(rows, by: keys, at: position)
    case .limit(let count):
      rows = Array(rows.prefix(max(0, count)))
    case .mvExpand:
      rows = rows.flatMap { row -> [ESQLRow] in
        guard let column = layout(position, row.columns).positions[0] else { return [row] }
        let elements = row.values[column].elements
        guard elements.count > 1 else { return [row] }
        return elements.map { element in
          var copy = row
          copy.values[column] = element
          return copy
        }
      }
    case .dissect(let input, _, let pattern):
      rows = rows.map { row in
        let layout = layout(position, row.columns)
        var found: [String: String]?
        let text = evaluator.single(evaluator.evaluate(input, ESQLRowView(values: row.values, slots: layout.slots[0])))
        if case .string(let text)? = text { found = pattern.match(text) }
        return appended(row, pattern.columns.map { found?[$0].map(ESQLValue.string) ?? .null }, layout)
      }
    case .grok(let input, _, let pattern):
      rows = rows.map { row in
        let layout = layout(position, row.columns)
        var found: [String: ESQLValue]?
        let text = evaluator.single(evaluator.evaluate(input, ESQLRowView(values: row.values, slots: layout.slots[0])))
        if case .string(let text)? = text { found = pattern.match(text) }
        return appended(row, pattern.columns.map { found?[$0] ?? .null }, layout)
      }
    }
  }

  /// The layout of the stage at `position` for `columns`: the memoized one when it was computed for the same
  /// columns, else a new one.
  mutating func layout(_ position: Int, _ columns: [String]) -> ESQLLayout {
    updateLayout(position, for: columns)
    return layouts[position]
  }

  /// The row positions the first (or only) expression step of the stage at `position` reads, for `columns`: per
  /// row, without copying the rest of the layout.
  mutating func slots(_ position: Int, _ columns: [String]) -> [Int] {
    updateLayout(position, for: columns)
    return layouts[position].slots[0]
  }

  /// Makes `layouts[position]` the layout of the stage for `columns`, unless it is already.
  private mutating func updateLayout(_ position: Int, for columns: [String]) {
    if layoutKnown[position], layouts[position].input == columns { return }
    layouts[position] = ESQLLayout.of(program.stages[position], columns)
    layoutKnown[position] = true
  }

  private func project(_ row: ESQLRow, _ layout: ESQLLayout) -> ESQLRow {
    var row = row
    row.values = layout.positions.map { row.values[$0!] }
    row.columns = layout.outputs[0]
    return row
  }

  /// The row with `values` set as new columns, placed by a `DISSECT` or `GROK` layout.
  private func appended(_ row: ESQLRow, _ values: [ESQLValue], _ layout: ESQLLayout) -> ESQLRow {
    var row = row
    let all = row.values + values
    row.values = layout.positions.map { all[$0!] }
    row.columns = layout.outputs[0]
    return row
  }

  /// The column positions `KEEP` keeps, in order: by pattern, each column placed by the most specific pattern that
  /// names it (an exact name over a wildcard), columns of one wildcard in their input order.
  static func kept(_ columns: [String], _ patterns: [ESQLNamePattern]) -> [Int] {
    var best: [(pattern: Int, column: Int)] = []
    for (column, name) in columns.enumerated() {
      var choice: Int?
      for (position, pattern) in patterns.enumerated() where pattern.matches(name) {
        guard let current = choice else {
          choice = position
          continue
        }
        if !pattern.hasWildcard && patterns[current].hasWildcard { choice = position }
      }
      if let choice { best.append((choice, column)) }
    }
    return best.sorted { ($0.pattern, $0.column) < ($1.pattern, $1.column) }.map(\.column)
  }

  /// `SORT`: stable; a multi-valued key sorts by its smallest value ascending and its largest descending; nulls
  /// last ascending and first descending unless `NULLS FIRST`/`LAST` says otherwise.
  mutating func sorted(_ rows: [ESQLRow], by keys: [ESQLCompiledSortKey], at stage: Int) -> [ESQLRow] {
    let keyed: [(row: ESQLRow, keys: [ESQLValue], position: Int)] = rows.enumerated().map { position, row in
      let view = ESQLRowView(values: row.values, slots: slots(stage, row.columns))
      let values = keys.map { key -> ESQLValue in
        let elements = evaluator.evaluate(key.expression, view).elements
        if key.ascending { return elements.min(by: ESQLValue.sortOrder) ?? .null }
        return elements.max(by: ESQLValue.sortOrder) ?? .null
      }
      return (row, values, position)
    }
    return keyed.sorted { a, b in
      for (index, key) in keys.enumerated() {
        let x = a.keys[index]
        let y = b.keys[index]
        if x == y { continue }
        if x.isNull || y.isNull { return x.isNull == key.nullsFirst }
        if ESQLValue.sortOrder(x, y) { return key.ascending }
        if ESQLValue.sortOrder(y, x) { return !key.ascending }
      }
      return a.position < b.position
    }.map(\.row)
  }
}
