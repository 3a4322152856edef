/// What a column-shaping stage (`EVAL`, `KEEP`, `DROP`) did to the names of the last column list it saw.
///
/// Rows of a query nearly always share one column list (the same array storage, so comparing is a pointer test):
/// the work on names is done once, and later rows only move values and take the shared output names.
struct ESQLLayout {
  /// The input columns the layout was computed for.
  var input: [String]
  /// `KEEP`/`DROP`: the input positions kept, in output order. `EVAL`: per assignment, the position its column
  /// replaced (removed before appending), if any.
  var positions: [Int?]
  /// The columns after the stage (`EVAL`: after each assignment).
  var outputs: [[String]]

  /// The layout of `EVAL`, which replaces or appends one column per assignment.
  static func eval(_ columns: [String], _ assigned: [String]) -> ESQLLayout {
    var current = columns
    var positions: [Int?] = []
    var outputs: [[String]] = []
    for name in assigned {
      let replaced = current.firstIndex(of: name)
      if let replaced { current.remove(at: replaced) }
      current.append(name)
      positions.append(replaced)
      outputs.append(current)
    }
    return ESQLLayout(input: columns, positions: positions, outputs: outputs)
  }

  /// The layout of a projection (`KEEP`, `DROP`) keeping `kept` input positions.
  static func projection(_ columns: [String], _ kept: [Int]) -> ESQLLayout {
    ESQLLayout(input: columns, positions: kept, outputs: [kept.map { columns[$0] }])
  }
}
