/// The `WHERE`, `EVAL` and `MV_EXPAND` commands that open a pipeline, up to the last such `WHERE`: a run tests an
/// event with them on the few columns they read before it makes the event's row, which holds every field the query
/// reads.
/// Most events fail them (`| eval n = locate(process.command_line, space(100)) | where n > 0`), and those cost no
/// row; an event that passes runs them again on its row.
///
/// A class: a run tests every event with it, and taking a struct of arrays out of the run retained each array.
final class ESQLRowFilter: Sendable {
  /// The columns of the program's bound row the commands read: those the opening conditions read, in the order the
  /// conditions first read them, then the others in the row's order.
  let columns: [String]
  /// Where each of `columns` comes from.
  let sources: [ESQLBoundRow.Source]
  /// How many stages, from the first, the filter runs.
  let stageCount: Int
  /// Whether the first stage is a `WHERE`, which a row that passed the filter need not run again.
  let opensWithFilter: Bool
  /// Per stage, its layout for rows that start with `columns`.
  let layouts: [ESQLLayout]
  /// The conditions of an opening `WHERE` joined by `AND`, in order; empty when the filter opens otherwise. An event
  /// fails at the first that is false, before the values the later ones read are made.
  let conjuncts: [Conjunct]

  /// One condition of the opening `WHERE`.
  struct Conjunct: Sendable {
    let expression: ESQLCompiledExpression
    /// How many of `sources`, from the first, it and the conditions before it read.
    let sourcesNeeded: Int
    /// Decides the condition on the event's bytes, for most values of its field.
    let shortcut: ESQLKeywordShortcut?
  }

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
    var opening: [ESQLCompiledExpression] = []
    var openingReads: [Set<String>] = []
    if case .filter(let condition, let references) = stages.first {
      opening = Self.conjuncts(of: condition)
      openingReads = opening.map { Set(Self.columns(of: $0).map { references.names[$0] }) }
    }
    // The columns the first conditions read come first, so that an event failing one makes only the values before.
    func firstReader(_ column: Int) -> Int {
      openingReads.firstIndex { $0.contains(boundRow.columns[column]) } ?? openingReads.count
    }
    let kept = boundRow.columns.indices.filter { read.contains(boundRow.columns[$0]) }.enumerated()
      .sorted { (firstReader($0.element), $0.offset) < (firstReader($1.element), $1.offset) }.map(\.element)
    columns = kept.map { boundRow.columns[$0] }
    sources = kept.map { boundRow.sources[$0] }
    stageCount = count
    opensWithFilter = !opening.isEmpty
    let layouts = ESQLProgram.layouts(of: Array(stages.prefix(count)), from: columns).map { $0! }
    self.layouts = layouts
    var needed = 0
    conjuncts = opening.map { expression in
      let slots = layouts[0].slots[0]
      for column in Self.columns(of: expression) where slots[column] >= 0 { needed = max(needed, slots[column] + 1) }
      return Conjunct(
        expression: expression, sourcesNeeded: needed,
        shortcut: ESQLKeywordShortcut(expression, sources: kept.map { boundRow.sources[$0] }, slots: slots))
    }
  }

  /// The operands of the `AND`s at the top of `condition`, left to right (the order they are evaluated in).
  static func conjuncts(of condition: ESQLCompiledExpression) -> [ESQLCompiledExpression] {
    guard case .binary(.and, let lhs, let rhs) = condition else { return [condition] }
    return conjuncts(of: lhs) + conjuncts(of: rhs)
  }

  /// The column numbers `expression` reads.
  static func columns(of expression: ESQLCompiledExpression) -> Set<Int> {
    var numbers = Set<Int>()
    func visit(_ node: ESQLCompiledExpression) {
      if case .column(let number) = node { numbers.insert(number) }
      if case .caseTable(let table, _) = node { visit(table.subject) }
      node.children.forEach(visit)
    }
    visit(expression)
    return numbers
  }
}
