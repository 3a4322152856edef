extension ESQLQuery {
  /// The document fields the query reads, sorted: every field referenced before a command creates a column of
  /// that name (EVAL, STATS, DISSECT, GROK, RENAME, COMPLETION), plus exact names kept with `KEEP` (they appear
  /// in the output). Metadata fields, and anything after a `STATS` (which replaces all columns), are left out.
  ///
  /// Fields named inside `KQL("…")`/`MATCH` query strings are not included: parse those with the KQL front end.
  public var referencedFields: [String] { fieldUsage.fields }

  /// The `KEEP` wildcard patterns (`event.*`) applied to document fields: a decoder must keep every field they
  /// match, since they appear in the output.
  public var referencedFieldPatterns: [String] { fieldUsage.patterns }

  /// Whether the output rows hold every document field (no `KEEP` and no `STATS`): the decoder must then keep
  /// all fields.
  public var outputsAllFields: Bool { fieldUsage.all }

  private var fieldUsage: (fields: [String], patterns: [String], all: Bool) {
    var created = Set(metadataFields)
    var fields = Set<String>()
    var patterns: [String] = []
    var closed = false
    var projected = false
    func read(_ expression: ESQLExpression) {
      guard !closed else { return }
      for name in expression.fieldReferences where !created.contains(name) { fields.insert(name) }
    }
    func readName(_ name: String) {
      if !closed, !created.contains(name) { fields.insert(name) }
    }
    for command in commands {
      switch command.kind {
      case .from, .limit, .drop:
        break
      case .where(let condition):
        read(condition)
      case .eval(let assignments):
        for assignment in assignments {
          read(assignment.expression)
          created.insert(columnName(of: assignment))
        }
      case .stats(let stats):
        for aggregate in stats.aggregates {
          read(aggregate.assignment.expression)
          if let filter = aggregate.filter { read(filter) }
        }
        for grouping in stats.groupings { read(grouping.expression) }
        for aggregate in stats.aggregates { created.insert(columnName(of: aggregate.assignment)) }
        for grouping in stats.groupings where grouping.target != nil { created.insert(columnName(of: grouping)) }
        if !stats.inline { closed = true }
      case .keep(let names):
        projected = true
        for name in names {
          if name.hasWildcard {
            if !closed { patterns.append(name.text) }
          } else {
            readName(name.text)
          }
        }
      case .rename(let renames):
        for rename in renames {
          if !rename.old.hasWildcard { readName(rename.old.text) }
          created.insert(rename.new.text)
        }
      case .sort(let keys):
        for key in keys { read(key.expression) }
      case .mvExpand(let name):
        readName(name.text)
      case .dissect(let dissect):
        read(dissect.input)
        created.formUnion(dissect.keys)
      case .grok(let grok):
        read(grok.input)
        created.formUnion(grok.fields)
      case .completion(let completion):
        read(completion.prompt)
        created.insert(completion.outputColumn)
      }
    }
    return (fields.sorted(), patterns, !projected && !closed)
  }
}
