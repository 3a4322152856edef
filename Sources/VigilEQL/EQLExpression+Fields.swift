extension EQLExpression {
  /// Appends every field this expression reads, in source order.
  public func collectFields(into fields: inout [EQLField]) {
    switch self {
    case .literal:
      break
    case .field(let field):
      fields.append(field)
    case .not(let operand, _), .negate(let operand, _):
      operand.collectFields(into: &fields)
    case .logical(_, let left, let right, _), .comparison(_, let left, let right, _),
      .arithmetic(_, let left, let right, _):
      left.collectFields(into: &fields)
      right.collectFields(into: &fields)
    case .membership(let value, let list, _, _, _):
      value.collectFields(into: &fields)
      for item in list { item.collectFields(into: &fields) }
    case .match(_, let value, _, _):
      value.collectFields(into: &fields)
    case .call(let call):
      for argument in call.arguments { argument.collectFields(into: &fields) }
    }
  }
}
