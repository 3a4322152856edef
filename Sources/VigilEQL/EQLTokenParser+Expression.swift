/// Expressions, by precedence (see ``EQLExpression``): or > and > not > comparison > additive > multiplicative >
/// unary > primary with predicate suffix.
extension EQLTokenParser {
  mutating func parseExpression() throws(EQLSyntaxError) -> EQLExpression {
    try enter()
    defer { depth -= 1 }
    var left = try parseAnd()
    while accept(.or) != nil {
      let right = try parseAnd()
      left = .logical(.or, left, right, range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  mutating func parseAnd() throws(EQLSyntaxError) -> EQLExpression {
    var left = try parseNot()
    while accept(.and) != nil {
      let right = try parseNot()
      left = .logical(.and, left, right, range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  mutating func parseNot() throws(EQLSyntaxError) -> EQLExpression {
    if let not = accept(.not) {
      try enter()
      defer { depth -= 1 }
      let operand = try parseNot()
      return .not(operand, range: not.range.lowerBound..<operand.range.upperBound)
    }
    if current.kind == .identifier, peek().isKeyword(.of) {
      throw EQLSyntaxError(
        "eql.unsupported", "process relationships (`\(current.value) of […]`) are not supported by Elasticsearch EQL",
        at: current.range.lowerBound..<peek().range.upperBound)
    }
    return try parseComparison()
  }

  static func comparisonOperator(_ token: EQLToken) -> EQLComparisonOperator? {
    guard case .symbol(let symbol) = token.kind else { return nil }
    return EQLComparisonOperator(rawValue: symbol.rawValue)
  }

  mutating func parseComparison() throws(EQLSyntaxError) -> EQLExpression {
    let left = try parseAdditive()
    if let op = Self.comparisonOperator(current) {
      advance()
      let right = try parseAdditive()
      if Self.comparisonOperator(current) != nil {
        throw unexpected(
          "comparisons cannot be chained", notes: ["combine comparisons with `and`: `a < b and b < c`"])
      }
      return .comparison(op, left, right, range: left.range.lowerBound..<right.range.upperBound)
    }
    if current.isSymbol(.assign) {
      throw unexpected("unexpected `=`", notes: ["use `==` to compare values"])
    }
    return left
  }

  mutating func parseAdditive() throws(EQLSyntaxError) -> EQLExpression {
    var left = try parseMultiplicative()
    while current.isSymbol(.plus) || current.isSymbol(.minus) {
      let op: EQLArithmeticOperator = advance().isSymbol(.plus) ? .add : .subtract
      let right = try parseMultiplicative()
      left = .arithmetic(op, left, right, range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  mutating func parseMultiplicative() throws(EQLSyntaxError) -> EQLExpression {
    var left = try parseUnary()
    while current.isSymbol(.star) || current.isSymbol(.slash) || current.isSymbol(.percent) {
      let token = advance()
      let op: EQLArithmeticOperator = token.isSymbol(.star) ? .multiply : token.isSymbol(.slash) ? .divide : .modulo
      let right = try parseUnary()
      left = .arithmetic(op, left, right, range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  mutating func parseUnary() throws(EQLSyntaxError) -> EQLExpression {
    guard current.isSymbol(.minus) || current.isSymbol(.plus) else { return try parsePredicate() }
    let sign = advance()
    try enter()
    defer { depth -= 1 }
    let operand = try parseUnary()
    let range = sign.range.lowerBound..<operand.range.upperBound
    // Unary plus is the identity, as in Elasticsearch.
    if sign.isSymbol(.plus) { return operand }
    switch operand {
    case .literal(.integer(let value), _) where value != Int64.min:
      return .literal(.integer(-value), range: range)
    case .literal(.decimal(let value), _):
      return .literal(.decimal(-value), range: range)
    default:
      return .negate(operand, range: range)
    }
  }

  static func matchOperator(_ token: EQLToken) -> EQLMatchOperator? {
    switch token.kind {
    case .symbol(.colon): .insensitiveEquals
    case .keyword(.like): .like
    case .keyword(.likeInsensitive): .likeInsensitive
    case .keyword(.regex): .regex
    case .keyword(.regexInsensitive): .regexInsensitive
    default: nil
    }
  }

  /// A primary expression with an optional `in` / `not in` / `:` / `like` / `regex` suffix.
  mutating func parsePredicate() throws(EQLSyntaxError) -> EQLExpression {
    let value = try parsePrimary()
    let start = value.range.lowerBound
    var negated = false
    if current.isKeyword(.not) {
      guard peek().isKeyword(.in) || peek().isKeyword(.inInsensitive) else {
        if Self.matchOperator(peek()) != nil {
          throw unexpected(
            "`not` can only precede `in` or `in~` here",
            notes: ["negate the whole condition instead: `not field \(peek().value) …`"])
        }
        throw unexpected("expected `in` after `not`")
      }
      advance()
      negated = true
    }
    if current.isKeyword(.in) || current.isKeyword(.inInsensitive) {
      let caseInsensitive = advance().isKeyword(.inInsensitive)
      _ = try expect(.leftParen, "to open the `in` list")
      var values: [EQLExpression] = []
      repeat { values.append(try parseExpression()) } while accept(.comma) != nil
      let close = try expect(.rightParen, "to close the `in` list")
      return .membership(
        value, values, caseInsensitive: caseInsensitive, negated: negated, range: start..<close.range.upperBound)
    }
    if let op = Self.matchOperator(current) {
      advance()
      var constants: [EQLConstant] = []
      if accept(.leftParen) != nil {
        repeat { constants.append(try parseConstant(after: op)) } while accept(.comma) != nil
        _ = try expect(.rightParen, "to close the list of values")
      } else {
        constants.append(try parseConstant(after: op))
      }
      return .match(op, value, constants, range: start..<previousEnd)
    }
    return value
  }

  mutating func parseConstant(after op: EQLMatchOperator) throws(EQLSyntaxError) -> EQLConstant {
    if let literal = Self.literal(current) {
      return EQLConstant(literal, range: advance().range)
    }
    throw unexpected(
      "expected a constant after `\(op.rawValue)`",
      notes: ["`\(op.rawValue)` compares with constants only: a string, or a list (\"a\", \"b\") of strings"])
  }

  static func literal(_ token: EQLToken) -> EQLLiteral? {
    switch token.kind {
    case .string: return .string(token.value)
    case .integer:
      if let value = Int64(token.value) { return .integer(value) }
      return .decimal(Double(token.value) ?? .infinity)
    case .decimal: return .decimal(Double(token.value) ?? .infinity)
    case .keyword(.true): return .boolean(true)
    case .keyword(.false): return .boolean(false)
    case .keyword(.null): return .null
    default: return nil
    }
  }

  mutating func parsePrimary() throws(EQLSyntaxError) -> EQLExpression {
    let token = current
    if let literal = Self.literal(token) {
      advance()
      return .literal(literal, range: token.range)
    }
    switch token.kind {
    case .symbol(.leftParen):
      advance()
      let inner = try parseExpression()
      _ = try expect(.rightParen, "to close `(`")
      return inner
    case .symbol(.question):
      advance()
      guard current.kind == .identifier || current.kind == .quotedIdentifier else {
        throw unexpected("expected a field name after `?`")
      }
      return .field(try parseField(optionalFrom: token.range.lowerBound))
    case .identifier where peek().isSymbol(.leftParen), .tildeIdentifier:
      return .call(try parseCall())
    case .identifier, .quotedIdentifier:
      return .field(try parseField(optionalFrom: nil))
    case .keyword(let keyword) where peek().isSymbol(.dot):
      throw unexpected(
        "expected an expression",
        notes: ["`\(keyword.rawValue)` is a keyword; escape it with backquotes: `\(keyword.rawValue)`"])
    default:
      throw unexpected("expected an expression")
    }
  }

  /// `a.b.c`, `` a.`b c` ``, `?a.b`; array indexes are rejected as in Elasticsearch.
  mutating func parseField(optionalFrom questionStart: Int?) throws(EQLSyntaxError) -> EQLField {
    let first = advance()
    var segments = [first.value]
    while true {
      if current.isSymbol(.dot) {
        advance()
        switch current.kind {
        case .identifier, .quotedIdentifier:
          segments.append(advance().value)
        case .keyword(let keyword):
          throw unexpected(
            "expected a field name after `.`",
            notes: ["`\(keyword.rawValue)` is a keyword; escape it with backquotes: …`\(keyword.rawValue)`"])
        default:
          throw unexpected("expected a field name after `.`")
        }
      } else if current.isSymbol(.leftBracket), peek().kind == .integer {
        throw EQLSyntaxError("eql.unsupported", "array indexes are not supported", at: peek().range)
      } else {
        break
      }
    }
    return EQLField(
      segments: segments, isOptional: questionStart != nil,
      range: (questionStart ?? first.range.lowerBound)..<previousEnd)
  }

  mutating func parseCall() throws(EQLSyntaxError) -> EQLFunctionCall {
    let nameToken = advance()
    let caseInsensitive = nameToken.kind == .tildeIdentifier
    let name = caseInsensitive ? String(nameToken.value.dropLast()) : nameToken.value
    guard current.isSymbol(.leftParen) else {
      throw unexpected("expected `(` after function name `\(nameToken.value)`")
    }
    guard let function = EQLFunction(name: name) else {
      var notes: [String] = []
      if name.lowercased() == "wildcard" {
        notes.append("Elasticsearch removed `wildcard()`: use `field like~ (\"a*\", \"b*\")` or `field : \"a*\"`")
      } else if let similar = EQLFunction.allCases.first(where: { EQLSpelling.isSimilar(name, $0.name) }) {
        notes.append("did you mean `\(similar.name)`?")
      }
      throw EQLSyntaxError("eql.function", "unknown function [\(nameToken.value)]", at: nameToken.range, notes: notes)
    }
    advance()
    var arguments: [EQLExpression] = []
    if !current.isSymbol(.rightParen) {
      repeat { arguments.append(try parseExpression()) } while accept(.comma) != nil
    }
    let close = try expect(.rightParen, "to close the arguments of `\(nameToken.value)`")
    return EQLFunctionCall(
      function: function, isCaseInsensitive: caseInsensitive, arguments: arguments, nameRange: nameToken.range,
      range: nameToken.range.lowerBound..<close.range.upperBound)
  }
}
