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
