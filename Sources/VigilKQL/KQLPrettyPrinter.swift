/// The line breaker behind ``KQLPrinter/pretty(_:width:indent:)``: whatever fits on the current line is printed
/// canonically; a longer `and`/`or` chain puts one operand per line, operator first, and a longer group or value
/// list opens an indented block.
struct KQLPrettyPrinter {
  let width: Int
  let indentUnit: String
  var lines: [String] = []

  init(width: Int, indentUnit: String) {
    self.width = width
    self.indentUnit = indentUnit
  }

  /// Prints `node` starting at `depth` after `prefix`; continuation lines of an `and`/`or` chain go at `restDepth`.
  mutating func print(_ node: KQLNode, depth: Int, prefix: String = "", restDepth: Int? = nil) {
    let indent = String(repeating: indentUnit, count: depth)
    let flat = KQLPrinter.query(node)
    if indent.count + prefix.count + flat.count <= width {
      lines.append(indent + prefix + flat)
      return
    }
    switch node.kind {
    case .or(let items), .and(let items):
      let parent = KQLPrinter.precedence(node.kind)
      let keyword = parent == .or ? "or " : "and "
      for (index, item) in items.enumerated() {
        let itemDepth = index == 0 ? depth : restDepth ?? depth
        operand(item, under: parent, depth: itemDepth, prefix: index == 0 ? prefix : keyword)
      }
    case .not(let item):
      operand(item, under: .not, depth: depth, prefix: prefix + "not ")
    case .match(let field, let value):
      let head = prefix + (field.map { KQLPrinter.literal($0) + ":" } ?? "")
      values(value, depth: depth, prefix: head)
    case .nested(let field, let query):
      lines.append(indent + prefix + KQLPrinter.literal(field) + ":{")
      print(query, depth: depth + 1)
      lines.append(indent + "}")
    case .matchAll, .range:
      lines.append(indent + prefix + flat)
    }
  }

  /// An operand of `and`/`or`/`not`, in an indented group when the operator needs parentheses around it.
  mutating func operand(_ node: KQLNode, under parent: KQLPrinter.Precedence, depth: Int, prefix: String) {
    guard KQLPrinter.needsParentheses(KQLPrinter.precedence(node.kind), under: parent) else {
      // An `and` chain inside an `or` chain indents its continuation lines, to show how it binds.
      let nested = parent == .or && KQLPrinter.precedence(node.kind) == .and
      print(node, depth: depth, prefix: prefix, restDepth: nested ? depth + 1 : depth)
      return
    }
    let indent = String(repeating: indentUnit, count: depth)
    let flat = "(" + KQLPrinter.query(node) + ")"
    if indent.count + prefix.count + flat.count <= width {
      lines.append(indent + prefix + flat)
      return
    }
    lines.append(indent + prefix + "(")
    print(node, depth: depth + 1)
    lines.append(indent + ")")
  }

  /// The value part of `field:…`: one value per line, operator first, inside an indented list.
  mutating func values(_ expression: KQLValueExpression, depth: Int, prefix: String) {
    let indent = String(repeating: indentUnit, count: depth)
    let flat = KQLPrinter.values(expression, under: .atom)
    if case .value = expression.kind {
      lines.append(indent + prefix + flat)
      return
    }
    if indent.count + prefix.count + flat.count <= width {
      lines.append(indent + prefix + flat)
      return
    }
    lines.append(indent + prefix + "(")
    valueLines(expression, depth: depth + 1, prefix: "")
    lines.append(indent + ")")
  }

  mutating func valueLines(_ expression: KQLValueExpression, depth: Int, prefix: String) {
    let indent = String(repeating: indentUnit, count: depth)
    switch expression.kind {
    case .or(let items), .and(let items):
      let parent = KQLPrinter.precedence(expression.kind)
      let keyword = parent == .or ? "or " : "and "
      for (index, item) in items.enumerated() {
        let head = index == 0 ? prefix : keyword
        if KQLPrinter.needsParentheses(KQLPrinter.precedence(item.kind), under: parent) {
          values(item, depth: depth, prefix: head)
        } else {
          valueLines(item, depth: depth, prefix: head)
        }
      }
    case .not(let item):
      if case .value = item.kind {
        lines.append(indent + prefix + "not " + KQLPrinter.values(item, under: .not))
      } else {
        values(item, depth: depth, prefix: prefix + "not ")
      }
    case .value:
      lines.append(indent + prefix + KQLPrinter.values(expression, under: .or))
    }
  }
}
