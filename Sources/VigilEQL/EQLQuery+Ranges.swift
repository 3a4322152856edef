extension EQLQuery {
  /// The same query with every byte range set to `0..<0`: for comparing structure (print/parse round trips).
  public func withoutRanges() -> EQLQuery {
    let body: Body =
      switch self.body {
      case .event(let filter): .event(filter.withoutRanges())
      case .sequence(let sequence):
        .sequence(
          EQLSequence(
            keys: sequence.keys.map { $0.withoutRanges() },
            maxspan: sequence.maxspan.map { EQLTimeSpan(value: $0.value, unit: $0.unit, range: 0..<0) },
            terms: sequence.terms.map { $0.withoutRanges() }, until: sequence.until?.withoutRanges(), range: 0..<0))
      case .sample(let sample):
        .sample(
          EQLSample(
            keys: sample.keys.map { $0.withoutRanges() },
            terms: sample.terms.map {
              EQLSampleTerm(filter: $0.filter.withoutRanges(), keys: $0.keys.map { $0.withoutRanges() }, range: 0..<0)
            }, range: 0..<0))
      }
    return EQLQuery(
      body: body, pipes: pipes.map { EQLPipe(kind: $0.kind, count: $0.count, range: 0..<0) }, range: 0..<0)
  }
}

extension EQLEventFilter {
  func withoutRanges() -> EQLEventFilter {
    EQLEventFilter(category: category, categoryRange: 0..<0, condition: condition.withoutRanges(), range: 0..<0)
  }
}

extension EQLSequenceTerm {
  func withoutRanges() -> EQLSequenceTerm {
    EQLSequenceTerm(
      filter: filter.withoutRanges(), keys: keys.map { $0.withoutRanges() }, runs: runs,
      runsRange: runsRange.map { _ in 0..<0 }, isMissing: isMissing, range: 0..<0)
  }
}

extension EQLField {
  func withoutRanges() -> EQLField { EQLField(segments: segments, isOptional: isOptional, range: 0..<0) }
}

extension EQLExpression {
  /// The same expression with every byte range set to `0..<0`.
  public func withoutRanges() -> EQLExpression {
    let none = 0..<0
    switch self {
    case .literal(let literal, _):
      return .literal(literal, range: none)
    case .field(let field):
      return .field(field.withoutRanges())
    case .not(let operand, _):
      return .not(operand.withoutRanges(), range: none)
    case .logical(let op, let left, let right, _):
      return .logical(op, left.withoutRanges(), right.withoutRanges(), range: none)
    case .comparison(let op, let left, let right, _):
      return .comparison(op, left.withoutRanges(), right.withoutRanges(), range: none)
    case .arithmetic(let op, let left, let right, _):
      return .arithmetic(op, left.withoutRanges(), right.withoutRanges(), range: none)
    case .negate(let operand, _):
      return .negate(operand.withoutRanges(), range: none)
    case .membership(let value, let list, let caseInsensitive, let negated, _):
      return .membership(
        value.withoutRanges(), list.map { $0.withoutRanges() }, caseInsensitive: caseInsensitive, negated: negated,
        range: none)
    case .match(let op, let value, let constants, _):
      return .match(op, value.withoutRanges(), constants.map { EQLConstant($0.value, range: none) }, range: none)
    case .call(let call):
      return .call(
        EQLFunctionCall(
          function: call.function, isCaseInsensitive: call.isCaseInsensitive,
          arguments: call.arguments.map { $0.withoutRanges() }, nameRange: none, range: none))
    }
  }
}
