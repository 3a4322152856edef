extension ESQLExpression {
  /// The direct sub-expressions, in source order.
  public var children: [ESQLExpression] {
    switch kind {
    case .literal, .field, .star: []
    case .call(_, let arguments, _): arguments
    case .unary(_, let operand), .not(let operand), .cast(let operand, _), .isNull(let operand, _),
      .like(let operand, _, _, _, _), .match(let operand, _):
      [operand]
    case .binary(_, let left, let right): [left, right]
    case .isIn(let value, let list, _): [value] + list
    }
  }

  /// Calls `visit` on this expression and every sub-expression, parents before children, in source order.
  public func forEachNode(_ visit: (ESQLExpression) -> Void) {
    visit(self)
    for child in children { child.forEachNode(visit) }
  }

  /// The names of the fields the expression reads, in source order, with repeats.
  public var fieldReferences: [String] {
    var names: [String] = []
    forEachNode { node in
      if case .field(let name) = node.kind { names.append(name) }
    }
    return names
  }

  /// The field name when the expression is a bare field reference.
  public var fieldName: String? {
    if case .field(let name) = kind { return name }
    return nil
  }
}
