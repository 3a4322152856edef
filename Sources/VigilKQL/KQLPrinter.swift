/// Prints KQL trees: as canonical one-line KQL, as indented KQL for people, and as an S-expression of the tree.
///
/// Canonical and pretty output parse back to the same tree (ranges and raw spellings aside): keywords are lower
/// case, parentheses appear only where the tree needs them, and literals are re-escaped from their unescaped text.
public enum KQLPrinter {
  /// The query on one line: `a:b and (c:d or not e:"f g")`. The empty query prints as the empty string.
  public static func canonical(_ node: KQLNode) -> String {
    if case .matchAll = node.kind { return "" }
    return query(node)
  }

  /// The query over several lines when it does not fit in `width` columns: `and`/`or` chains put one operand per
  /// line (operator first), groups and long value lists open an indented block. For `vigil rules show`.
  public static func pretty(_ node: KQLNode, width: Int = 100, indent: String = "  ") -> String {
    if case .matchAll = node.kind { return "" }
    var printer = KQLPrettyPrinter(width: width, indentUnit: indent)
    printer.print(node, depth: 0)
    return printer.lines.joined(separator: "\n")
  }

  /// Binding strength, to decide where parentheses are needed.
  enum Precedence: Int, Comparable {
    case or = 1
    case and = 2
    case not = 3
    case atom = 4

    static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  static func precedence(_ kind: KQLNode.Kind) -> Precedence {
    switch kind {
    case .or: .or
    case .and: .and
    case .not: .not
    case .matchAll, .match, .range, .nested: .atom
    }
  }

  static func precedence(_ kind: KQLValueExpression.Kind) -> Precedence {
    switch kind {
    case .or: .or
    case .and: .and
    case .not: .not
    case .value: .atom
    }
  }

  /// Whether an operand of an operator with precedence `parent` needs parentheses. Operands of the same operator
  /// are grouped too, because the tree keeps `a and (b and c)` nested; `not` takes only an atom or a group.
  static func needsParentheses(_ child: Precedence, under parent: Precedence) -> Bool {
    parent == .not ? child != .atom : child <= parent
  }

  static func query(_ node: KQLNode) -> String {
    switch node.kind {
    case .matchAll:
      return "*:*"
    case .or(let items):
      return items.map { operand($0, under: .or) }.joined(separator: " or ")
    case .and(let items):
      return items.map { operand($0, under: .and) }.joined(separator: " and ")
    case .not(let item):
      return "not " + operand(item, under: .not)
    case .match(let field, let value):
      guard let field else { return values(value, under: .atom) }
      return literal(field) + ":" + values(value, under: .atom)
    case .range(let field, let op, let value):
      return literal(field) + " " + op.rawValue + " " + literal(value)
    case .nested(let field, let query):
      return literal(field) + ":{ " + self.query(query) + " }"
    }
  }

  static func operand(_ node: KQLNode, under parent: Precedence) -> String {
    needsParentheses(precedence(node.kind), under: parent) ? "(" + query(node) + ")" : query(node)
  }

  /// A value expression; after `field:` (`parent == .atom`) anything but one value is parenthesised.
  static func values(_ expression: KQLValueExpression, under parent: Precedence) -> String {
    let text: String
    switch expression.kind {
    case .value(let value):
      return literal(value)
    case .or(let items):
      text = items.map { values($0, under: .or) }.joined(separator: " or ")
    case .and(let items):
      text = items.map { values($0, under: .and) }.joined(separator: " and ")
    case .not(let item):
      text = "not " + values(item, under: .not)
    }
    return needsParentheses(precedence(expression.kind), under: parent) || parent == .atom ? "(" + text + ")" : text
  }
}
