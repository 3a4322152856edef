/// Prints queries and expressions back as EQL text.
///
/// The `compact` style is the canonical one-line form: parsing it gives back the same AST (ignoring ranges), with the
/// fewest parentheses that keep the structure. The `pretty` style, for `vigil rules show`, puts each subquery and pipe
/// on its own line and breaks long top-level `and` / `or` chains.
public struct EQLPrinter: Sendable {
  public enum Style: Sendable {
    case compact
    case pretty(width: Int = 100)
  }

  public var style: Style

  public init(style: Style = .compact) {
    self.style = style
  }

  /// The canonical one-line form of a query.
  public static func canonical(_ query: EQLQuery) -> String { EQLPrinter().print(query) }

  /// The canonical form of an expression.
  public static func canonical(_ expression: EQLExpression) -> String { EQLPrinter().print(expression) }

  private var isPretty: Bool {
    if case .pretty = style { return true }
    return false
  }

  public func print(_ query: EQLQuery) -> String {
    var text: String
    let separator = isPretty ? "\n  " : " "
    switch query.body {
    case .event(let filter):
      text = print(filter, indent: "")
    case .sequence(let sequence):
      text = "sequence"
      if !sequence.keys.isEmpty { text += " by " + sequence.keys.map(print).joined(separator: ", ") }
      if let span = sequence.maxspan { text += " with maxspan=\(span.value)\(span.unit.rawValue)" }
      for term in sequence.terms { text += separator + print(term) }
      if let until = sequence.until { text += (isPretty ? "\nuntil " : " until ") + print(until) }
    case .sample(let sample):
      text = "sample"
      if !sample.keys.isEmpty { text += " by " + sample.keys.map(print).joined(separator: ", ") }
      for term in sample.terms {
        text += separator + "[" + print(term.filter, indent: "    ") + "]"
        if !term.keys.isEmpty { text += " by " + term.keys.map(print).joined(separator: ", ") }
      }
    }
    for pipe in query.pipes {
      text += (isPretty ? "\n| " : " | ") + "\(pipe.kind.rawValue) \(pipe.count)"
    }
    return text
  }

  func print(_ term: EQLSequenceTerm) -> String {
    var text = (term.isMissing ? "![" : "[") + print(term.filter, indent: "    ") + "]"
    if !term.keys.isEmpty { text += " by " + term.keys.map(print).joined(separator: ", ") }
    if let runs = term.runs { text += " with runs=\(runs)" }
    return text
  }

  func print(_ filter: EQLEventFilter, indent: String) -> String {
    let category = filter.category.map(Self.category) ?? "any"
    let head = category + " where "
    let condition = print(filter.condition)
    guard case .pretty(let width) = style, head.count + condition.count + indent.count > width else {
      return head + condition
    }
    // Break the top-level chain of one logical operator, one operand per line.
    guard case .logical(let op, _, _, _) = filter.condition else { return head + condition }
    let operands = Self.chain(filter.condition, op)
    // Operands bind tighter than the chain's operator; a same-operator operand came from explicit parentheses.
    let lines = operands.map { print($0, level: op == .or ? 2 : 3) }
    return head + lines.joined(separator: " \(op.rawValue)\n\(indent)  ")
  }

  static func chain(_ expression: EQLExpression, _ op: EQLLogicalOperator) -> [EQLExpression] {
    if case .logical(op, let left, let right, _) = expression {
      // Left-associative: the right operand of `a and (b and c)` stays one operand.
      return chain(left, op) + [right]
    }
    return [expression]
  }

  public func print(_ expression: EQLExpression) -> String { print(expression, level: 0) }

  public func print(_ field: EQLField) -> String {
    (field.isOptional ? "?" : "") + field.segments.map(Self.identifier).joined(separator: ".")
  }

  // MARK: - Expressions

  /// Binding strength; a child printed where a stronger one is required gets parentheses.
  static func precedence(_ expression: EQLExpression) -> Int {
    switch expression {
    case .logical(.or, _, _, _): 1
    case .logical(.and, _, _, _): 2
    case .not: 3
    case .comparison: 4
    case .arithmetic(.add, _, _, _), .arithmetic(.subtract, _, _, _): 5
    case .arithmetic: 6
    case .negate: 7
    case .literal(.integer(let value), _) where value < 0: 7
    case .literal(.decimal(let value), _) where value < 0 || (value == 0 && value.sign == .minus): 7
    case .membership, .match: 8
    case .literal, .field, .call: 9
    }
  }

  func print(_ expression: EQLExpression, level: Int) -> String {
    let text = printBare(expression)
    return Self.precedence(expression) < level ? "(" + text + ")" : text
  }

  private func printBare(_ expression: EQLExpression) -> String {
    switch expression {
    case .literal(let literal, _):
      return Self.literal(literal)
    case .field(let field):
      return print(field)
    case .not(let operand, _):
      return "not " + print(operand, level: 3)
    case .logical(let op, let left, let right, _):
      let level = op == .or ? 1 : 2
      return print(left, level: level) + " \(op.rawValue) " + print(right, level: level + 1)
    case .comparison(let op, let left, let right, _):
      return print(left, level: 5) + " \(op.rawValue) " + print(right, level: 5)
    case .arithmetic(let op, let left, let right, _):
      let level = op == .add || op == .subtract ? 5 : 6
      return print(left, level: level) + " \(op.rawValue) " + print(right, level: level + 1)
    case .negate(let operand, _):
      let inner = print(operand, level: 7)
      return inner.hasPrefix("-") ? "- " + inner : "-" + inner
    case .membership(let value, let list, let caseInsensitive, let negated, _):
      let keyword = (negated ? "not " : "") + (caseInsensitive ? "in~" : "in")
      return print(value, level: 9) + " \(keyword) (" + list.map { print($0, level: 1) }.joined(separator: ", ") + ")"
    case .match(let op, let value, let constants, _):
      let values = constants.map { Self.literal($0.value) }
      let right = values.count == 1 ? values[0] : "(" + values.joined(separator: ", ") + ")"
      return print(value, level: 9) + " \(op.rawValue) " + right
    case .call(let call):
      return call.function.name + (call.isCaseInsensitive ? "~" : "") + "("
        + call.arguments.map { print($0, level: 1) }.joined(separator: ", ") + ")"
    }
  }

  // MARK: - Tokens

  static func isPlainIdentifier(_ name: String) -> Bool {
    guard let first = name.utf8.first, EQLKeyword(rawValue: name) == nil else { return false }
    let isLetter = { (byte: UInt8) in (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    guard isLetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: "@") else { return false }
    return name.utf8.dropFirst().allSatisfy {
      isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_")
    }
  }

  /// A field name part, backquoted when it is not a plain identifier or is a keyword.
  static func identifier(_ name: String) -> String {
    isPlainIdentifier(name)
      ? name : "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
  }

  /// An event category: bare when it is a plain identifier, else a string.
  static func category(_ name: String) -> String { isPlainIdentifier(name) ? name : string(name) }

  static func literal(_ literal: EQLLiteral) -> String {
    switch literal {
    case .null: "null"
    case .boolean(let value): value ? "true" : "false"
    case .integer(let value): String(value)
    case .decimal(let value): decimal(value)
    case .string(let value): string(value)
    }
  }

  static func decimal(_ value: Double) -> String {
    if value.isInfinite { return value < 0 ? "-1e999" : "1e999" }
    let text = String(value)
    // Keep it a decimal token: `1.0`, `1e+20`, `5e-324` all lex as decimals.
    return text.contains(".") || text.contains("e") ? text : text + ".0"
  }

  /// A string literal: a `"""raw"""` string when that avoids escaping backslashes, else `"…"` with escapes.
  static func string(_ value: String) -> String {
    let needsControlEscape = value.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    if value.contains("\\"), !value.contains("\""), !needsControlEscape {
      return "\"\"\"" + value + "\"\"\""
    }
    var text = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      case "\r": text += "\\r"
      case "\u{08}": text += "\\b"
      case "\u{0C}": text += "\\f"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          text += "\\u{" + (hex.count < 2 ? "0" + hex : hex) + "}"
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text + "\""
  }
}
