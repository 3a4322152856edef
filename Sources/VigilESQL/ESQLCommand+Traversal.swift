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
