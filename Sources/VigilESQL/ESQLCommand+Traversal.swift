extension ESQLCommand {
  /// The top-level expressions of the command, in source order: conditions, assigned values, aggregation filters,
  /// sort keys, and the inputs of DISSECT, GROK and COMPLETION.
  public var expressions: [ESQLExpression] {
    switch kind {
    case .from, .keep, .drop, .rename, .limit, .mvExpand: []
    case .where(let condition): [condition]
    case .eval(let assignments): assignments.map(\.expression)
    case .stats(let stats):
      stats.aggregates.flatMap { [$0.assignment.expression] + ($0.filter.map { [$0] } ?? []) }
        + stats.groupings.map(\.expression)
    case .sort(let keys): keys.map(\.expression)
    case .dissect(let dissect): [dissect.input]
    case .grok(let grok): [grok.input]
    case .completion(let completion): [completion.prompt]
    }
  }
}

extension ESQLQuery {
  /// Calls `visit` on every expression node of every command, parents before children, in source order.
  public func forEachExpression(_ visit: (ESQLCommand, ESQLExpression) -> Void) {
    for command in commands {
      for expression in command.expressions {
        expression.forEachNode { visit(command, $0) }
      }
    }
  }

  /// The function calls of the query, upper-cased names with repeats, in source order (for example to find the
  /// `KQL("…")` strings the KQL front end must parse).
  public var functionCalls: [ESQLExpression] {
    var calls: [ESQLExpression] = []
    forEachExpression { _, node in
      if case .call = node.kind { calls.append(node) }
    }
    return calls
  }
}
