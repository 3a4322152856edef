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
