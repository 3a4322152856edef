/// Prints queries and expressions in a canonical form: upper-case keywords and function names, one space around
/// binary operators, double-quoted strings with escapes, and parentheses only where precedence needs them.
/// Printing then parsing gives back an equal AST.
public struct ESQLPrinter: Sendable {
  /// How commands are laid out.
  public enum Layout: Sendable {
    /// One command per line, later ones starting with `| `.
    case multiline
    /// All on one line, commands separated by ` | `.
    case singleLine
  }

  public var layout: Layout

  public init(layout: Layout = .multiline) {
    self.layout = layout
  }

  /// The whole pipeline.
  public func print(_ query: ESQLQuery) -> String {
    print(query.commands)
  }

  public func print(_ commands: [ESQLCommand]) -> String {
    commands.map(print).joined(separator: layout == .multiline ? "\n| " : " | ")
  }

  /// One command, without a leading pipe.
  public func print(_ command: ESQLCommand) -> String {
    let arguments: String
    switch command.kind {
    case .from(let from):
      var text = from.sources.map { Self.source($0.pattern) }.joined(separator: ", ")
      if !from.metadata.isEmpty {
        text += " METADATA " + from.metadata.map { Self.name($0.text) }.joined(separator: ", ")
      }
      arguments = text
    case .where(let condition): arguments = print(condition)
    case .eval(let assignments): arguments = assignments.map(print).joined(separator: ", ")
    case .stats(let stats):
      var parts: [String] = []
      if !stats.aggregates.isEmpty {
        parts.append(
          stats.aggregates.map { aggregate in
            print(aggregate.assignment) + (aggregate.filter.map { " WHERE " + print($0) } ?? "")
          }.joined(separator: ", "))
      }
      if !stats.groupings.isEmpty { parts.append("BY " + stats.groupings.map(print).joined(separator: ", ")) }
      arguments = parts.joined(separator: " ")
    case .keep(let names), .drop(let names): arguments = names.map { Self.name($0.text) }.joined(separator: ", ")
    case .rename(let renames):
      arguments = renames.map { Self.name($0.old.text) + " AS " + Self.name($0.new.text) }.joined(separator: ", ")
    case .sort(let keys):
      arguments = keys.map { key in
        var text = print(key.expression)
        if key.explicitDirection || !key.ascending { text += key.ascending ? " ASC" : " DESC" }
        if let first = key.nullsFirst { text += first ? " NULLS FIRST" : " NULLS LAST" }
        return text
      }.joined(separator: ", ")
    case .limit(let count): arguments = String(count)
    case .mvExpand(let name): arguments = Self.name(name.text)
    case .dissect(let dissect):
      var text = print(dissect.input, minimum: Self.primary) + " " + Self.string(dissect.pattern)
      if let separator = dissect.appendSeparator { text += " APPEND_SEPARATOR = " + Self.string(separator) }
      arguments = text
    case .grok(let grok):
      arguments =
        print(grok.input, minimum: Self.primary) + " " + grok.patterns.map(Self.string).joined(separator: ", ")
    case .completion(let completion):
      var text = completion.target.map { Self.name($0) + " = " } ?? ""
      text += print(completion.prompt, minimum: Self.primary) + " WITH " + Self.map(completion.options)
      arguments = text
    }
    return command.name + " " + arguments
  }

  public func print(_ assignment: ESQLAssignment) -> String {
    (assignment.target.map { Self.name($0) + " = " } ?? "") + print(assignment.expression)
  }

  // MARK: Expressions

  /// Precedence levels: OR 1, AND 2, NOT 3, predicates 4, comparisons 5, `+ -` 6, `* / %` 7, unary 8, primary 9.
  static let primary = 9

  static func precedence(_ expression: ESQLExpression) -> Int {
    switch expression.kind {
    case .binary(let operation, _, _): operation.precedence
    case .not: 3
    case .like, .isIn, .isNull, .match: 4
    case .unary: 8
    case .literal(.integer(let value)) where value < 0: 8
    case .literal(.decimal(let value)) where value < 0 || (value == 0 && value.sign == .minus): 8
    case .literal(.timeSpan(let value, _)) where value < 0: 8
    default: primary
    }
  }

  /// An expression, parenthesised when it binds looser than `minimum`.
  public func print(_ expression: ESQLExpression) -> String {
    print(expression, minimum: 0)
  }

  private func print(_ expression: ESQLExpression, minimum: Int) -> String {
    let text = printBare(expression)
    return Self.precedence(expression) < minimum ? "(" + text + ")" : text
  }

  private func printBare(_ expression: ESQLExpression) -> String {
    switch expression.kind {
    case .literal(let literal): return Self.literal(literal)
    case .field(let name): return Self.name(name)
    case .star: return "*"
    case .call(let name, let arguments, let options):
      var parts = arguments.map { print($0) }
      if let options { parts.append(Self.map(options)) }
      return name + "(" + parts.joined(separator: ", ") + ")"
    case .unary(let negated, let operand):
      // A space keeps `- -1` from reading as one token sequence that means something else.
      let operandText = print(operand, minimum: 8)
      return (negated ? "-" : "+") + (operandText.hasPrefix("-") || operandText.hasPrefix("+") ? " " : "") + operandText
    case .binary(let operation, let left, let right):
      let level = operation.precedence
      let leftMinimum = operation.isComparison ? level + 1 : level
      return print(left, minimum: leftMinimum) + " " + operation.rawValue + " " + print(right, minimum: level + 1)
    case .not(let operand): return "NOT " + print(operand, minimum: 3)
    case .cast(let operand, let type): return print(operand, minimum: Self.primary) + "::" + type
    case .like(let value, let patterns, let regex, let negated, let list):
      let keyword = (negated ? "NOT " : "") + (regex ? "RLIKE" : "LIKE")
      let pattern =
        list ? "(" + patterns.map(Self.string).joined(separator: ", ") + ")" : Self.string(patterns.first ?? "")
      return print(value, minimum: 5) + " " + keyword + " " + pattern
    case .isIn(let value, let list, let negated):
      return print(value, minimum: 5) + (negated ? " NOT IN (" : " IN (")
        + list.map { print($0, minimum: 5) }.joined(separator: ", ") + ")"
    case .isNull(let value, let negated):
      return print(value, minimum: 5) + (negated ? " IS NOT NULL" : " IS NULL")
    case .match(let field, let query): return print(field, minimum: Self.primary) + " : " + Self.literal(query)
    }
  }

  // MARK: Tokens

  static func literal(_ literal: ESQLLiteral) -> String {
    switch literal {
    case .null: "null"
    case .boolean(let value): value ? "true" : "false"
    case .integer(let value): String(value)
    case .decimal(let value): decimal(value)
    case .string(let value): string(value)
    case .timeSpan(let value, let unit): "\(value) \(unit.rawValue)\(value == 1 || value == -1 ? "" : "s")"
    case .list(let items): "[" + items.map(Self.literal).joined(separator: ", ") + "]"
    }
  }

  /// A decimal that reads back as a decimal (`1.0`, `1.5e+20`).
  static func decimal(_ value: Double) -> String {
    let text = "\(value)"
    return text.contains(".") || text.contains("e") ? text : text + ".0"
  }

  /// A double-quoted string with `\\`, `\"`, `\n`, `\r`, `\t` escaped.
  public static func string(_ value: String) -> String {
    var result = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  static func map(_ entries: [ESQLMapEntry]) -> String {
    "{" + entries.map { string($0.key) + ": " + literal($0.value) }.joined(separator: ", ") + "}"
  }

  /// A field name or pattern, backquoted when a part is not a plain identifier (or is a keyword).
  public static func name(_ name: String) -> String {
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    let plain = parts.enumerated().allSatisfy { index, part in
      isPlainIdentifier(part)
        && (index > 0
          || !(ESQLParserState.reservedWords.contains(part.lowercased())
            || ["null", "true", "false"].contains(part.lowercased())))
    }
    return plain ? name : "`" + name.replacing("`", with: "``") + "`"
  }

  private static func isPlainIdentifier(_ part: Substring) -> Bool {
    let bytes = Array(part.utf8)
    guard let first = bytes.first else { return false }
    if first == UInt8(ascii: "*") || ESQLLexer.isLetter(first) {
      return bytes.allSatisfy { ESQLLexer.isIdentifierBody($0) || $0 == UInt8(ascii: "*") }
    }
    guard first == UInt8(ascii: "_") || first == UInt8(ascii: "@"), bytes.count > 1 else { return false }
    return bytes.dropFirst().allSatisfy { ESQLLexer.isIdentifierBody($0) || $0 == UInt8(ascii: "*") }
  }

  /// A FROM source: bare when it lexes back as one source, quoted otherwise.
  static func source(_ pattern: String) -> String {
    let bytes = Array(pattern.utf8)
    let bare =
      !bytes.isEmpty && pattern.lowercased() != "metadata"
      && bytes.indices.allSatisfy { index in
        switch bytes[index] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "\""), UInt8(ascii: "("),
          UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
          false
        case UInt8(ascii: "/"):
          index + 1 >= bytes.count || (bytes[index + 1] != UInt8(ascii: "/") && bytes[index + 1] != UInt8(ascii: "*"))
        default: true
        }
      }
    return bare ? pattern : string(pattern)
  }
}
