/// What a stage does to the columns of the last column list it saw, and where the columns its expressions read
/// are in that list.
///
/// Rows of a query nearly always share one column list (the same array storage, so comparing is a pointer test):
/// the work on names is done once, and later rows only move values and take the shared output names. A program
/// whose source rows all have the same columns computes its layouts when it is compiled.
struct ESQLLayout: Sendable {
  /// The input columns the layout was computed for.
  var input: [String]
  /// Per expression step (one per `EVAL` assignment, else one), the row positions of the columns its
  /// ``ESQLColumnReferences`` names (`-1` when absent).
  var slots: [[Int]] = []
  /// `KEEP`/`DROP`/`RENAME`: the input positions kept, in output order. `DISSECT`/`GROK`: the same, counting the
  /// appended values after the input's. `EVAL`: per assignment, the position its column replaced (removed before
  /// appending), if any. `MV_EXPAND`: the position of the expanded column, if any.
  var positions: [Int?] = []
  /// The columns after the stage (`EVAL`: after each assignment).
  var outputs: [[String]]

  /// The columns after the stage.
  var output: [String] { outputs[outputs.count - 1] }

  /// The layout of `stage` for rows of `columns`.
  static func of(_ stage: ESQLStage, _ columns: [String]) -> ESQLLayout {
    switch stage {
    case .filter(_, let references), .sort(_, let references):
      return ESQLLayout(input: columns, slots: [references.slots(in: columns)], outputs: [columns])
    case .stats(let plan):
      return ESQLLayout(input: columns, slots: [plan.references.slots(in: columns)], outputs: [columns])
    case .eval(let steps): return eval(columns, steps)
    case .keep(let patterns): return projection(columns, ESQLRun.kept(columns, patterns))
    case .drop(let patterns):
      return projection(columns, columns.indices.filter { index in !patterns.contains { $0.matches(columns[index]) } })
    case .rename(let renames): return rename(columns, renames)
    case .limit: return ESQLLayout(input: columns, outputs: [columns])
    case .mvExpand(let column):
      return ESQLLayout(input: columns, positions: [columns.firstIndex(of: column)], outputs: [columns])
    case .dissect(_, let references, let pattern):
      return appending(columns, pattern.columns, slots: references.slots(in: columns))
    case .grok(_, let references, let pattern):
      return appending(columns, pattern.columns, slots: references.slots(in: columns))
    }
  }

  /// The layout of `EVAL`, which replaces or appends one column per assignment.
  private static func eval(_ columns: [String], _ steps: [ESQLEvalStep]) -> ESQLLayout {
    var current = columns
    var layout = ESQLLayout(input: columns, outputs: [])
    for step in steps {
      layout.slots.append(step.references.slots(in: current))
      let replaced = current.firstIndex(of: step.column)
      if let replaced { current.remove(at: replaced) }
      current.append(step.column)
      layout.positions.append(replaced)
      layout.outputs.append(current)
    }
    if steps.isEmpty { layout.outputs = [columns] }
    return layout
  }

  /// The layout of a projection (`KEEP`, `DROP`) keeping `kept` input positions.
  private static func projection(_ columns: [String], _ kept: [Int]) -> ESQLLayout {
    ESQLLayout(input: columns, positions: kept, outputs: [kept.map { columns[$0] }])
  }

  /// The layout of `RENAME`: each rename names the first column its old name matches; a column that already had
  /// the new name is removed.
  private static func rename(_ columns: [String], _ renames: [ESQLRename]) -> ESQLLayout {
    var names = columns
    var kept = Array(columns.indices)
    for rename in renames {
      guard let index = names.firstIndex(where: rename.old.matches) else { continue }
      let name = rename.new.text
      if let clash = names.firstIndex(of: name), clash != index {
        names.remove(at: clash)
        kept.remove(at: clash)
      }
      names[names.firstIndex(where: rename.old.matches)!] = name
    }
    return ESQLLayout(input: columns, positions: kept, outputs: [names])
  }

  /// The layout of a stage that sets columns as `EVAL` does (`DISSECT`, `GROK`): an existing column of each name is
  /// removed and the new one appended.
  private static func appending(_ columns: [String], _ appended: [String], slots: [Int]) -> ESQLLayout {
    var names = columns
    var kept = Array(columns.indices)
    for (offset, name) in appended.enumerated() {
      if let existing = names.firstIndex(of: name) {
        names.remove(at: existing)
        kept.remove(at: existing)
      }
      names.append(name)
      kept.append(columns.count + offset)
    }
    return ESQLLayout(input: columns, slots: [slots], positions: kept, outputs: [names])
  }
}
