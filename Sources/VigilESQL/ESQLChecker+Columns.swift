import VigilSyntax

extension ESQLChecker {
  /// Checks column references once the columns are known. Before the first `STATS` the columns are the
  /// document's, which cannot be known here; a `STATS` replaces them with its aggregations and groupings, and
  /// from then on every command must name existing columns, as Elasticsearch's verifier demands.
  static func checkColumns(_ query: ESQLQuery) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var known: [String]?
    func require(_ name: String, at range: Range<Int>) {
      guard let columns = known, !columns.contains(name) else { return }
      diagnostics.append(
        .error("esql.unknown-column", "unknown column '\(name)'; after STATS only \(list(columns)) exist", at: range))
    }
    func read(_ expression: ESQLExpression) {
      expression.forEachNode { node in
        if case .field(let name) = node.kind { require(name, at: node.range) }
      }
    }
    func add(_ name: String) {
      guard known != nil else { return }
      known!.removeAll { $0 == name }
      known!.append(name)
    }
    for command in query.commands {
      switch command.kind {
      case .from, .limit:
        break
      case .where(let condition):
        read(condition)
      case .eval(let assignments):
        for assignment in assignments {
          read(assignment.expression)
          add(query.columnName(of: assignment))
        }
      case .stats(let stats):
        for expression in command.expressions { read(expression) }
        let outputs =
          stats.aggregates.map { query.columnName(of: $0.assignment) } + stats.groupings.map(query.columnName)
        if stats.inline {
          for output in outputs { add(output) }
        } else {
          known = []
          for output in outputs { add(output) }
        }
      case .keep(let patterns):
        guard let columns = known else { continue }
        var kept: [String] = []
        for pattern in patterns {
          let matched = columns.filter(pattern.matches)
          if matched.isEmpty {
            diagnostics.append(
              .error(
                "esql.unknown-column",
                "no column matches '\(pattern.text)'; after STATS only \(list(columns)) exist", at: pattern.range))
          }
          kept.removeAll(where: matched.contains)
          kept += matched
        }
        known = kept
      case .drop(let patterns):
        guard let columns = known else { continue }
        for pattern in patterns where !columns.contains(where: pattern.matches) {
          diagnostics.append(
            .error(
              "esql.unknown-column", "no column matches '\(pattern.text)'; after STATS only \(list(columns)) exist",
              at: pattern.range))
        }
        known = columns.filter { name in !patterns.contains { $0.matches(name) } }
      case .rename(let renames):
        for rename in renames {
          require(rename.old.text, at: rename.old.range)
          if var columns = known, let index = columns.firstIndex(of: rename.old.text) {
            columns.removeAll { $0 == rename.new.text }
            columns[columns.firstIndex(of: rename.old.text) ?? index] = rename.new.text
            known = columns
          }
        }
      case .sort(let keys):
        for key in keys { read(key.expression) }
      case .mvExpand(let name):
        require(name.text, at: name.range)
      case .dissect(let dissect):
        read(dissect.input)
        dissect.keys.forEach(add)
      case .grok(let grok):
        read(grok.input)
        grok.fields.forEach(add)
      case .completion(let completion):
        read(completion.prompt)
        add(completion.outputColumn)
      }
    }
    return diagnostics
  }

  private static func list(_ columns: [String]) -> String {
    if columns.isEmpty { return "no columns" }
    let shown = columns.prefix(6).map { "'\($0)'" }.joined(separator: ", ")
    return shown + (columns.count > 6 ? " and \(columns.count - 6) more" : "")
  }
}
