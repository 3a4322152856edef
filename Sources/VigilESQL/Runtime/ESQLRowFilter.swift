/// The `WHERE`, `EVAL` and `MV_EXPAND` commands that open a pipeline, up to the last such `WHERE`: a run tests an
/// event with them on the few columns they read before it makes the event's row, which holds every field the query
/// reads.
/// Most events fail them (`| eval n = locate(process.command_line, space(100)) | where n > 0`), and those cost no
/// row; an event that passes runs them again on its row.
struct ESQLRowFilter: Sendable {
  /// The columns of the program's bound row the commands read, in that row's order.
  let columns: [String]
  /// Where each of `columns` comes from.
  let sources: [ESQLBoundRow.Source]
  /// How many stages, from the first, the filter runs.
  let stageCount: Int
  /// Whether the first stage is a `WHERE`, which a row that passed the filter need not run again.
  let opensWithFilter: Bool
  /// Per stage, its layout for rows that start with `columns`.
  let layouts: [ESQLLayout]

  /// The filter of `stages`, whose rows start as `boundRow`; `nil` when they do not open with `WHERE`, `EVAL` and
  /// `MV_EXPAND` commands that include a `WHERE`.
  init?(_ stages: [ESQLStage], boundRow: ESQLBoundRow) {
    var count = 0
    var read = Set<String>()
    scan: for (position, stage) in stages.enumerated() {
      switch stage {
      case .filter(_, let references):
        read.formUnion(references.names)
        count = position + 1
      case .eval(let steps):
        for step in steps { read.formUnion(step.references.names) }
      case .mvExpand(let column):
        // Read, so that the filter runs once per row the expansion makes, as the pipeline does (and warns as often).
        read.insert(column)
      default:
        break scan
      }
    }
    guard count > 0 else { return nil }
    let kept = boundRow.columns.indices.filter { read.contains(boundRow.columns[$0]) }
    columns = kept.map { boundRow.columns[$0] }
    sources = kept.map { boundRow.sources[$0] }
    stageCount = count
    opensWithFilter = if case .filter? = stages.first { true } else { false }
    layouts = ESQLProgram.layouts(of: Array(stages.prefix(count)), from: columns).map { $0! }
  }
}
