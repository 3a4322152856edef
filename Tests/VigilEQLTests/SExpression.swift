import VigilEQL

/// A fully parenthesised rendering of an expression, to state precedence and literal values exactly in tests.
enum SExpression {
  static func render(_ expression: EQLExpression) -> String {
    switch expression {
    case .literal(let literal, _):
      return render(literal)
    case .field(let field):
      return (field.isOptional ? "?" : "")
        + field.segments.map { $0.contains(".") ? "{\($0)}" : $0 }
        .joined(separator: ".")
    case .not(let operand, _):
      return "(not \(render(operand)))"
    case .logical(let op, let left, let right, _):
      return "(\(op.rawValue) \(render(left)) \(render(right)))"
    case .comparison(let op, let left, let right, _):
      return "(\(op.rawValue) \(render(left)) \(render(right)))"
    case .arithmetic(let op, let left, let right, _):
      return "(\(op.rawValue) \(render(left)) \(render(right)))"
    case .negate(let operand, _):
      return "(neg \(render(operand)))"
    case .membership(let value, let list, let caseInsensitive, let negated, _):
      let name = (negated ? "not-" : "") + (caseInsensitive ? "in~" : "in")
      return "(\(name) \(render(value)) \(list.map(render).joined(separator: " ")))"
    case .match(let op, let value, let constants, _):
      return "(\(op.rawValue) \(render(value)) \(constants.map { render($0.value) }.joined(separator: " ")))"
    case .call(let call):
      let name = call.function.name + (call.isCaseInsensitive ? "~" : "")
      return "(\(([name] + call.arguments.map(render)).joined(separator: " ")))"
    }
  }

  static func render(_ literal: EQLLiteral) -> String {
    switch literal {
    case .null: "null"
    case .boolean(let value): "\(value)"
    case .integer(let value): "\(value)"
    case .decimal(let value): "\(value)d"
    case .string(let value): String(reflecting: value)
    }
  }
}
