extension KQLPrinter {
  /// The tree as an S-expression, for tests and debugging: `(and (is process.name "cmd.exe") (not (is a *)))`.
  ///
  /// Forms: `(or …)`, `(and …)`, `(not …)`, `(is FIELD VALUES)`, `(text VALUES)` for free text,
  /// `(range FIELD OP VALUE)`, `(nested FIELD QUERY)`, `(all)` for the empty query. Literals: `"…"` quoted;
  /// unquoted ones bare when they hold no space or punctuation, else `'…'`; in unquoted literals an unescaped `*`
  /// is a wildcard and `\*` a literal star; control characters show as `\t`, `\n`, `\r`, `\u{…}`.
  public static func tree(_ node: KQLNode) -> String {
    switch node.kind {
    case .matchAll: "(all)"
    case .or(let items): "(or " + items.map(tree).joined(separator: " ") + ")"
    case .and(let items): "(and " + items.map(tree).joined(separator: " ") + ")"
    case .not(let item): "(not " + tree(item) + ")"
    case .match(let field?, let value): "(is " + treeLiteral(field) + " " + tree(value) + ")"
    case .match(nil, let value): "(text " + tree(value) + ")"
    case .range(let field, let op, let value):
      "(range " + treeLiteral(field) + " " + op.rawValue + " " + treeLiteral(value) + ")"
    case .nested(let field, let query): "(nested " + treeLiteral(field) + " " + tree(query) + ")"
    }
  }

  /// A value expression as an S-expression.
  public static func tree(_ expression: KQLValueExpression) -> String {
    switch expression.kind {
    case .value(let literal): treeLiteral(literal)
    case .or(let items): "(or " + items.map(tree).joined(separator: " ") + ")"
    case .and(let items): "(and " + items.map(tree).joined(separator: " ") + ")"
    case .not(let item): "(not " + tree(item) + ")"
    }
  }

  /// A literal in the S-expression notation of ``tree(_:)-(KQLNode)``.
  public static func treeLiteral(_ literal: KQLLiteral) -> String {
    if literal.isQuoted { return "\"" + treeEscaped(literal.text, escaping: "\"") + "\"" }
    var body = ""
    var bare = !literal.parts.isEmpty
    for part in literal.parts {
      switch part {
      case .wildcard:
        body += "*"
      case .text(let text):
        for scalar in text.unicodeScalars where scalar == "*" || scalar == "'" || scalar == "\"" || scalar == "("
          || scalar == ")" || scalar == "\\" || scalar == ":" || scalar.properties.isWhitespace || isControl(scalar)
        {
          bare = false
        }
        body += treeEscaped(text, escaping: "'*")
      }
    }
    return bare ? body : "'" + body + "'"
  }

  static func treeEscaped(_ text: String, escaping special: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      case "\n": result += "\\n"
      default:
        if special.unicodeScalars.contains(scalar) {
          result += "\\" + String(scalar)
        } else if isControl(scalar) {
          result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        } else {
          result += String(scalar)
        }
      }
    }
    return result
  }
}
