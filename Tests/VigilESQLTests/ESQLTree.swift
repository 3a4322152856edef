import VigilESQL

/// A fully parenthesised rendering of an expression tree, so tests can state exactly how text groups.
enum ESQLTree {
  static func render(_ expression: ESQLExpression) -> String {
    switch expression.kind {
    case .literal(let literal): return ESQLPrinter().print(expression) + literalTag(literal)
    case .field(let name): return name
    case .star: return "*"
    case .call(let name, let arguments, let options):
      let parts = arguments.map(render) + (options.map { ["{\($0.map(\.key).joined(separator: ","))}"] } ?? [])
      return "\(name)(\(parts.joined(separator: ", ")))"
    case .unary(let negated, let operand): return "(\(negated ? "-" : "+") \(render(operand)))"
    case .binary(let operation, let left, let right): return "(\(operation.rawValue) \(render(left)) \(render(right)))"
    case .not(let operand): return "(NOT \(render(operand)))"
    case .cast(let operand, let type): return "(:: \(render(operand)) \(type))"
    case .like(let value, let patterns, let regex, let negated, let list):
      let name = (negated ? "NOT-" : "") + (regex ? "RLIKE" : "LIKE") + (list ? "-LIST" : "")
      return "(\(name) \(render(value)) \(patterns.map { "\"\($0)\"" }.joined(separator: " ")))"
    case .isIn(let value, let items, let negated):
      return "(\(negated ? "NOT-IN" : "IN") \(render(value)) \(items.map(render).joined(separator: " ")))"
    case .isNull(let value, let negated): return "(\(negated ? "IS-NOT-NULL" : "IS-NULL") \(render(value)))"
    case .match(let field, let query):
      return "(: \(render(field)) \(ESQLPrinter().print(ESQLExpression(.literal(query), range: 0..<0))))"
    }
  }

  private static func literalTag(_ literal: ESQLLiteral) -> String {
    switch literal {
    case .integer: ":i"
    case .decimal: ":d"
    case .timeSpan: ":t"
    default: ""
    }
  }
}
