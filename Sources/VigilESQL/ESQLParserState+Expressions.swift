extension ESQLParserState {
  /// The deepest expression tree accepted. Deeper input (thousands of parentheses, or an `a + a + …` chain that
  /// long) is refused so that no later recursive pass over the tree can exhaust the stack.
  static let maximumDepth = 400

  /// Counts one level of nesting; throws past ``maximumDepth``.
  private mutating func enter() throws(SyntaxError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw SyntaxError(message: "expression nested too deeply", range: peek().range)
    }
  }

  /// Counts one more operand of a left-associative chain (or one more cast), which deepens the tree as much as
  /// nesting does; the caller gives the levels back when it returns.
  private mutating func extend(_ chain: inout Int, at range: Range<Int>) throws(SyntaxError) {
    chain += 1
    depth += 1
    if depth > Self.maximumDepth {
      throw SyntaxError(message: "expression nested too deeply", range: range)
    }
  }

  /// `booleanExpression`: the loosest level, `OR`.
  mutating func parseBoolean() throws(SyntaxError) -> ESQLExpression {
    try enter()
    defer { depth -= 1 }
    var left = try parseAnd()
    var chain = 0
    defer { depth -= chain }
    while take("or") != nil {
      try extend(&chain, at: left.range)
      let right = try parseAnd()
      left = ESQLExpression(.binary(.or, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  private mutating func parseAnd() throws(SyntaxError) -> ESQLExpression {
    var left = try parseNot()
    var chain = 0
    defer { depth -= chain }
    while take("and") != nil {
      try extend(&chain, at: left.range)
      let right = try parseNot()
      left = ESQLExpression(.binary(.and, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }
    return left
  }

  private mutating func parseNot() throws(SyntaxError) -> ESQLExpression {
    if let not = take("not") {
      try enter()
      defer { depth -= 1 }
      let operand = try parseNot()
      return ESQLExpression(.not(operand), range: not.range.lowerBound..<operand.range.upperBound)
    }
    return try parsePredicate()
  }

  /// A value expression followed by at most one of `[NOT] LIKE`, `[NOT] RLIKE`, `[NOT] IN`, `IS [NOT] NULL`, `:`.
  private mutating func parsePredicate() throws(SyntaxError) -> ESQLExpression {
    let value = try parseComparison()
    var negated = false
    if atWord("not") {
      let after = peekSecond()
      let word = after.kind == .word ? text(after).lowercased() : ""
      guard word == "like" || word == "rlike" || word == "in" else {
        throw unexpected(after, expected: "LIKE, RLIKE or IN after NOT")
      }
      advance()
      negated = true
    }
    switch peekWord() {
    case "like", "rlike":
      let regex = advance().range.count == 5
      var patterns: [String] = []
      var list = false
      var end: Int
      if peek().kind == .leftParen {
        advance()
        list = true
        repeat {
          patterns.append(try parseString("a pattern string").value)
        } while takeComma()
        end = try expect(.rightParen, "',' or ')'").range.upperBound
      } else {
        let pattern = try parseString("a pattern string")
        patterns = [pattern.value]
        end = pattern.range.upperBound
      }
      return ESQLExpression(
        .like(value, patterns: patterns, regex: regex, negated: negated, list: list),
        range: value.range.lowerBound..<end)
    case "in":
      advance()
      try expect(.leftParen, "'(' after IN")
      var items: [ESQLExpression] = []
      repeat {
        items.append(try parseComparison())
      } while takeComma()
      let close = try expect(.rightParen, "',' or ')'")
      return ESQLExpression(
        .isIn(value, items, negated: negated), range: value.range.lowerBound..<close.range.upperBound)
    case "is" where !negated:
      advance()
      let isNot = take("not") != nil
      let null = try expectWord("null")
      return ESQLExpression(.isNull(value, negated: isNot), range: value.range.lowerBound..<null.range.upperBound)
    default:
      break
    }
    if !negated, peek().kind == .colon {
      let colon = advance()
      var target = value
      if case .cast(let inner, _) = value.kind { target = inner }
      guard target.fieldName != nil else {
        throw SyntaxError(message: "the left side of ':' must be a field name", range: colon.range)
      }
      let constant = try parseConstant()
      return ESQLExpression(.match(value, constant.value), range: value.range.lowerBound..<constant.range.upperBound)
    }
    return value
  }

  /// Consumes a comma; returns whether another list item follows.
  mutating func takeComma() -> Bool {
    guard peek().kind == .comma else { return false }
    advance()
    return true
  }

  /// `valueExpression`: arithmetic, optionally compared with one comparison operator.
  mutating func parseComparison() throws(SyntaxError) -> ESQLExpression {
    let left = try parseAdditive()
    let operation: ESQLBinaryOperator
    switch peek().kind {
    case .equal: operation = .equal
    case .equalIgnoringCase: operation = .equalIgnoringCase
    case .notEqual: operation = .notEqual
    case .less: operation = .less
    case .lessOrEqual: operation = .lessOrEqual
    case .greater: operation = .greater
    case .greaterOrEqual: operation = .greaterOrEqual
    case .assign:
      throw SyntaxError(message: "'=' is assignment; use '==' to compare", range: peek().range)
    default: return left
    }
    advance()
    let right = try parseAdditive()
    return ESQLExpression(.binary(operation, left, right), range: left.range.lowerBound..<right.range.upperBound)
  }

  private mutating func parseAdditive() throws(SyntaxError) -> ESQLExpression {
    var left = try parseMultiplicative()
    var chain = 0
    defer { depth -= chain }
    while true {
      let operation: ESQLBinaryOperator
      switch peek().kind {
      case .plus: operation = .add
      case .minus: operation = .subtract
      default: return left
      }
      advance()
      try extend(&chain, at: left.range)
      let right = try parseMultiplicative()
      left = ESQLExpression(.binary(operation, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }
  }

  private mutating func parseMultiplicative() throws(SyntaxError) -> ESQLExpression {
    var left = try parseUnary()
    var chain = 0
    defer { depth -= chain }
    while true {
      let operation: ESQLBinaryOperator
      switch peek().kind {
      case .star: operation = .multiply
      case .slash: operation = .divide
      case .percent: operation = .modulo
      default: return left
      }
      advance()
      try extend(&chain, at: left.range)
      let right = try parseUnary()
      left = ESQLExpression(.binary(operation, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }
  }

  private mutating func parseUnary() throws(SyntaxError) -> ESQLExpression {
    let token = peek()
    if token.kind == .minus || token.kind == .plus {
      try enter()
      defer { depth -= 1 }
      advance()
      let operand = try parseUnary()
      return ESQLExpression(
        .unary(negated: token.kind == .minus, operand), range: token.range.lowerBound..<operand.range.upperBound)
    }
    return try parseCastable()
  }

  /// `primaryExpression`: a primary followed by any number of `::type` casts.
  mutating func parseCastable() throws(SyntaxError) -> ESQLExpression {
    var expression = try parsePrimary()
    var chain = 0
    defer { depth -= chain }
    while peek().kind == .cast {
      try extend(&chain, at: expression.range)
      advance()
      let type = peek()
      guard type.kind == .word else { throw unexpected(type, expected: "a type name after '::'") }
      advance()
      expression = ESQLExpression(
        .cast(expression, type: text(type).lowercased()), range: expression.range.lowerBound..<type.range.upperBound)
    }
    return expression
  }

  private mutating func parsePrimary() throws(SyntaxError) -> ESQLExpression {
    let token = peek()
    switch token.kind {
    case .integer, .decimal, .string, .leftBracket:
      let constant = try parseConstant()
      return ESQLExpression(.literal(constant.value), range: constant.range)
    case .leftParen:
      advance()
      let inner = try parseBoolean()
      try expect(.rightParen, "')'")
      return inner
    case .word:
      let word = text(token).lowercased()
      if word == "null" || word == "true" || word == "false" {
        let constant = try parseConstant()
        return ESQLExpression(.literal(constant.value), range: constant.range)
      }
      if Self.reservedWords.contains(word) { throw unexpected(token, expected: "an expression") }
      if peekSecond().kind == .leftParen { return try parseCall() }
      let name = try parseQualifiedName()
      return ESQLExpression(.field(name.name), range: name.range)
    case .quotedIdentifier:
      let name = try parseQualifiedName()
      return ESQLExpression(.field(name.name), range: name.range)
    case .parameter:
      throw SyntaxError(message: "query parameters are not supported", range: token.range)
    default:
      throw unexpected(token, expected: "an expression")
    }
  }

  /// `name(args)`, `name(*)`, `name(args, {options})`.
  private mutating func parseCall() throws(SyntaxError) -> ESQLExpression {
    let nameToken = advance()
    let name = text(nameToken).uppercased()
    try expect(.leftParen, "'('")
    var arguments: [ESQLExpression] = []
    var options: [ESQLMapEntry]?
    if peek().kind == .star, peekSecond().kind == .rightParen {
      arguments.append(ESQLExpression(.star, range: advance().range))
    } else if peek().kind != .rightParen {
      repeat {
        if peek().kind == .leftBrace {
          options = try parseMap()
          break
        }
        arguments.append(try parseBoolean())
      } while takeComma()
    }
    let close = try expect(.rightParen, options == nil ? "',' or ')'" : "')' after the options map")
    return ESQLExpression(
      .call(name: name, arguments: arguments, options: options),
      range: nameToken.range.lowerBound..<close.range.upperBound)
  }

  /// `{ "key": constant, … }`.
  mutating func parseMap() throws(SyntaxError) -> [ESQLMapEntry] {
    try expect(.leftBrace, "'{'")
    var entries: [ESQLMapEntry] = []
    if peek().kind != .rightBrace {
      repeat {
        let key = try parseString("a string key")
        try expect(.colon, "':' after the key")
        let value = try parseConstant()
        entries.append(
          ESQLMapEntry(key: key.value, value: value.value, range: key.range.lowerBound..<value.range.upperBound))
      } while takeComma()
    }
    try expect(.rightBrace, "',' or '}'")
    return entries
  }

  mutating func parseString(_ what: String) throws(SyntaxError) -> (value: String, range: Range<Int>) {
    let token = peek()
    guard case .string(let value) = token.kind else { throw unexpected(token, expected: what) }
    advance()
    return (value, token.range)
  }

  /// `constant`: null, booleans, signed numbers, time spans (`7 days`), strings and `[…]` lists.
  mutating func parseConstant() throws(SyntaxError) -> (value: ESQLLiteral, range: Range<Int>) {
    let token = peek()
    switch token.kind {
    case .string(let value):
      advance()
      return (.string(value), token.range)
    case .word:
      switch text(token).lowercased() {
      case "null":
        advance()
        return (.null, token.range)
      case "true":
        advance()
        return (.boolean(true), token.range)
      case "false":
        advance()
        return (.boolean(false), token.range)
      default: throw unexpected(token, expected: "a constant")
      }
    case .minus, .plus:
      advance()
      let number = try parseNumber(allowUnit: true)
      let sign: Int64 = token.kind == .minus ? -1 : 1
      let range = token.range.lowerBound..<number.range.upperBound
      switch number.value {
      case .integer(let value): return (.integer(sign * value), range)
      case .decimal(let value): return (.decimal(Double(sign) * value), range)
      case .timeSpan(let value, let unit): return (.timeSpan(sign * value, unit), range)
      default: return (number.value, range)
      }
    case .integer, .decimal:
      return try parseNumber(allowUnit: true)
    case .leftBracket:
      advance()
      var items: [ESQLLiteral] = []
      if peek().kind != .rightBracket {
        repeat {
          let item = try parseConstant()
          if case .list = item.value {
            throw SyntaxError(message: "lists cannot be nested", range: item.range)
          }
          items.append(item.value)
        } while takeComma()
      }
      let close = try expect(.rightBracket, "',' or ']'")
      return (.list(items), token.range.lowerBound..<close.range.upperBound)
    default:
      throw unexpected(token, expected: "a constant")
    }
  }

  /// An integer or decimal; an integer followed by a unit word is a time span.
  private mutating func parseNumber(allowUnit: Bool) throws(SyntaxError) -> (value: ESQLLiteral, range: Range<Int>) {
    let token = peek()
    let raw = text(token)
    switch token.kind {
    case .integer:
      advance()
      guard let value = Int64(raw) else {
        guard let double = Double(raw), double.isFinite else {
          throw SyntaxError(message: "number \(raw) is out of range", range: token.range)
        }
        return (.decimal(double), token.range)
      }
      let next = peek()
      if allowUnit, next.kind == .word {
        let word = text(next)
        if let unit = ESQLTimeUnit(word: word) {
          advance()
          return (.timeSpan(value, unit), token.range.lowerBound..<next.range.upperBound)
        }
        if !Self.reservedWords.contains(word.lowercased()), !["first", "last"].contains(word.lowercased()) {
          throw SyntaxError(
            message: "unknown time unit '\(word)' (expected e.g. milliseconds, seconds, minutes, hours, days, weeks, "
              + "months, quarters, years)", range: next.range)
        }
      }
      return (.integer(value), token.range)
    case .decimal:
      advance()
      guard let value = Double(raw), value.isFinite else {
        throw SyntaxError(message: "number \(raw) is out of range", range: token.range)
      }
      return (.decimal(value), token.range)
    default:
      throw unexpected(token, expected: "a number")
    }
  }
}
