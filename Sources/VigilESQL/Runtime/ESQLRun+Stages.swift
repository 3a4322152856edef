extension ESQLRun {
  /// Applies the stage at `position` of the program to rows.
  mutating func apply(_ position: Int, to rows: [ESQLRow]) -> [ESQLRow] {
    switch program.stages[position] {
    case .filter(let condition):
      return rows.filter { evaluator.holds(condition, $0) }
    case .eval(let assignments):
      return rows.map { row in
        var row = row
        let layout = layout(position, row.columns) { ESQLLayout.eval($0, assignments.map(\.column)) }
        for (step, assignment) in assignments.enumerated() {
          let value = evaluator.evaluate(assignment.expression, row)
          if let replaced = layout.positions[step] { row.values.remove(at: replaced) }
          row.values.append(value)
          row.columns = layout.outputs[step]
        }
        return row
      }
    case .stats(let plan):
      var groups = ESQLGroups(plan: plan)
      for row in rows { groups.add(row, evaluator: &evaluator) }
      guard plan.inline else { return groups.rows(evaluator: &evaluator) }
      // One output row per input row (the command is a join on the group keys): a row whose key is
      // multi-valued joins no group, so its aggregates are null.
      var cache: [Int: ESQLRow] = [:]
      return rows.indices.map { position in
        var row = rows[position]
        let groupsJoined = groups.memberships[position]
        if groupsJoined.count == 1 {
          let group = groupsJoined[0]
          if cache[group] == nil { cache[group] = groups.aggregateRow(group, evaluator: &evaluator) }
          let aggregated = cache[group]!
          for (column, value) in zip(aggregated.columns, aggregated.values) { row.append(column, value) }
        } else {
          for output in plan.outputs { row.append(output.column, .null) }
          for grouping in plan.groupings { row.append(grouping.column, evaluator.evaluate(grouping.expression, row)) }
        }
        return row
      }
    case .keep(let patterns):
      return rows.map { row in
        project(row, layout(position, row.columns) { .projection($0, Self.kept($0, patterns)) })
      }
    case .drop(let patterns):
      return rows.map { row in
        let layout = layout(position, row.columns) { columns in
          .projection(columns, columns.indices.filter { index in !patterns.contains { $0.matches(columns[index]) } })
        }
        return project(row, layout)
      }
    case .rename(let renames):
      return rows.map { row in
        var row = row
        for rename in renames {
          guard let index = row.columns.firstIndex(where: rename.old.matches) else { continue }
          let name = rename.new.text
          if let clash = row.columns.firstIndex(of: name), clash != index {
            row.columns.remove(at: clash)
            row.values.remove(at: clash)
          }
          row.columns[row.columns.firstIndex(where: rename.old.matches)!] = name
        }
        return row
      }
    case .sort(let keys):
      return sorted(rows, by: keys)
    case .limit(let count):
      return Array(rows.prefix(max(0, count)))
    case .mvExpand(let column):
      return rows.flatMap { row -> [ESQLRow] in
        let elements = row[column].elements
        guard elements.count > 1 else { return [row] }
        let position = row.columns.firstIndex(of: column)!
        return elements.map { element in
          var copy = row
          copy.values[position] = element
          return copy
        }
      }
    case .dissect(let input, let pattern):
      return rows.map { row in
        var row = row
        var found: [String: String]?
        if case .string(let text)? = evaluator.single(evaluator.evaluate(input, row)) { found = pattern.match(text) }
        for column in pattern.columns { row.append(column, found?[column].map(ESQLValue.string) ?? .null) }
        return row
      }
    case .grok(let input, let pattern):
      return rows.map { row in
        var row = row
        var found: [String: ESQLValue]?
        if case .string(let text)? = evaluator.single(evaluator.evaluate(input, row)) { found = pattern.match(text) }
        for column in pattern.columns { row.append(column, found?[column] ?? .null) }
        return row
      }
    }
  }

  /// The layout the stage at `position` has for `columns`: the memoized one when it was computed for the same
  /// columns, else a new one.
  private mutating func layout(_ position: Int, _ columns: [String], _ make: ([String]) -> ESQLLayout) -> ESQLLayout {
    if let known = layouts[position], known.input == columns { return known }
    let layout = make(columns)
    layouts[position] = layout
    return layout
  }

  private func project(_ row: ESQLRow, _ layout: ESQLLayout) -> ESQLRow {
    var row = row
    row.values = layout.positions.map { row.values[$0!] }
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
  mutating func sorted(_ rows: [ESQLRow], by keys: [ESQLSortKey]) -> [ESQLRow] {
    let keyed: [(row: ESQLRow, keys: [ESQLValue], position: Int)] = rows.enumerated().map { position, row in
      let values = keys.map { key -> ESQLValue in
        let elements = evaluator.evaluate(key.expression, row).elements
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
        if x.isNull || y.isNull { return x.isNull == key.effectiveNullsFirst }
        if ESQLValue.sortOrder(x, y) { return key.ascending }
        if ESQLValue.sortOrder(y, x) { return !key.ascending }
      }
      return a.position < b.position
    }.map(\.row)
  }
}
