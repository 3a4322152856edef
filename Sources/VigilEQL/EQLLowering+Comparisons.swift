import VigilEvents
import VigilQuery
import VigilSyntax

extension EQLLowering {
  /// `a OP b`: a field against a constant becomes a field test (Elasticsearch's term and range queries), another
  /// value against a constant a script; Elasticsearch moves constants to the right and rejects comparisons where
  /// neither side is a constant ("comparisons against fields are not supported").
  mutating func lowerComparison(
    _ op: EQLComparisonOperator, _ left: EQLExpression, _ right: EQLExpression, _ whole: EQLExpression
  ) -> Predicate {
    let leftConstant = constant(left)
    let rightConstant = constant(right)
    switch (leftConstant, rightConstant) {
    case (nil, let value?):
      if case .field(let field) = left { return lowerFieldComparison(fields.bind(field.name), op, value, right.range) }
      return expression(whole)
    case (let value?, nil):
      if case .field(let field) = right {
        return lowerFieldComparison(fields.bind(field.name), op.flipped, value, left.range)
      }
      return expression(whole)
    case (_?, _?):
      return expression(whole)
    case (nil, nil):
      diagnostics.append(
        .error(
          "eql.field-comparison",
          "comparisons against fields are not supported (Elasticsearch needs a constant on one side): '\(whole)'",
          at: whole.range))
      return .never
    }
  }

  /// The value of an expression without fields (`1 + 2`, `"a"`), folded as Elasticsearch folds constants.
  mutating func constant(_ expression: EQLExpression) -> EQLLiteral? {
    if case .literal(let literal, _) = expression { return literal }
    var referenced: [EQLField] = []
    expression.collectFields(into: &referenced)
    guard referenced.isEmpty else { return nil }
    var scalar = ScalarExpression()
    scalar.root = emitScalar(expression, into: &scalar)
    switch scalar.evaluate(Event()) {
    case .null: return .null
    case .bool(let value): return .boolean(value)
    case .int(let value): return .integer(value)
    case .double(let value): return .decimal(value)
    case .string(let value): return .string(value)
    }
  }

  private mutating func lowerFieldComparison(
    _ field: FieldBinding, _ op: EQLComparisonOperator, _ literal: EQLLiteral, _ range: Range<Int>
  ) -> Predicate {
    if literal == .null {
      // `f == null`: missing or null; `f != null`: a non-null value; an ordering with null is never true.
      switch op {
      case .equal: return .not(test(field, .exists))
      case .notEqual: return test(field, .exists)
      default: return .never
      }
    }
    switch op {
    case .equal: return lowerEquality(field, literal, range)
    case .notEqual: return .not(lowerEquality(field, literal, range))
    default: return lowerRange(field, op, literal, range)
    }
  }

  /// `field == constant`, by the field's type: a term query.
  mutating func lowerEquality(
    _ field: FieldBinding, _ literal: EQLLiteral, _ range: Range<Int>, caseInsensitive: Bool = false
  ) -> Predicate {
    let text = Self.text(of: literal)
    guard let type = field.type else {
      return test(
        field,
        .dynamic(
          DynamicMatch(
            keywords: ByteStringSet([text], foldingCase: caseInsensitive), number: Self.number(of: literal),
            boolean: Self.boolean(of: literal))))
    }
    switch type {
    case .keyword, .constantKeyword, .wildcard, .flattened, .text, .matchOnlyText:
      return test(field, .keywordIn(ByteStringSet([text], foldingCase: caseInsensitive || field.isCaseless)))
    case .boolean:
      guard let value = Self.boolean(of: literal) else { return invalid(literal, range, field, expected: "a boolean") }
      return test(field, .boolean(value))
    case .date, .dateNanos:
      guard let time = Self.date(of: literal) else { return invalid(literal, range, field, expected: "a date") }
      return test(field, .date(.exactly(time)))
    case .ip:
      guard case .string = literal, let block = CIDRBlock(text) else {
        return invalid(literal, range, field, expected: "an IP address")
      }
      return test(field, .ipIn([block]))
    case .object, .nested:
      diagnostics.append(
        .warning("eql.object-field", "'\(field.name)' is an object, so a value never matches it", at: range))
      return .never
    default:
      if type.isNumeric {
        guard let number = Self.number(of: literal) else { return invalid(literal, range, field, expected: "a number") }
        return test(field, .number(.exactly(number)))
      }
      return test(field, .keywordIn(ByteStringSet([text], foldingCase: caseInsensitive)))
    }
  }

  /// `field < constant` and the other orderings: a range query.
  private mutating func lowerRange(
    _ field: FieldBinding, _ op: EQLComparisonOperator, _ literal: EQLLiteral, _ range: Range<Int>
  ) -> Predicate {
    let inclusive = op == .lessOrEqual || op == .greaterOrEqual
    let isLower = op == .greater || op == .greaterOrEqual
    func interval<Limit>(_ value: Limit) -> Interval<Limit> {
      isLower
        ? Interval(lower: Bound(value, inclusive: inclusive)) : Interval(upper: Bound(value, inclusive: inclusive))
    }
    let text = Self.text(of: literal)
    switch field.type {
    case let type? where type.isNumeric:
      guard let number = Self.number(of: literal) else { return invalid(literal, range, field, expected: "a number") }
      return test(field, .number(interval(number)))
    case .date?, .dateNanos?:
      guard let time = Self.date(of: literal) else { return invalid(literal, range, field, expected: "a date") }
      return test(field, .date(interval(time)))
    case .ip?:
      guard let address = IPAddress(text) else { return invalid(literal, range, field, expected: "an IP address") }
      return test(field, .ipRange(interval(address)))
    case nil:
      if let number = Self.number(of: literal) { return test(field, .number(interval(number))) }
      return test(field, .keywordRange(interval(ByteString(text))))
    default:
      return test(field, .keywordRange(interval(ByteString(text))))
    }
  }

  /// `field in (constants…)`: a terms query (case-insensitive for `in~`); otherwise a computed condition.
  mutating func lowerMembership(
    _ value: EQLExpression, _ list: [EQLExpression], caseInsensitive: Bool, whole: EQLExpression
  ) -> Predicate {
    guard case .field(let fieldName) = value else { return expression(whole) }
    var literals: [(EQLLiteral, Range<Int>)] = []
    for item in list {
      guard let literal = constant(item) else {
        diagnostics.append(
          .error(
            "eql.field-comparison",
            "'in' on a field takes constants only (Elasticsearch cannot compare a field with '\(item)')",
            at: item.range))
        return .never
      }
      // A null in the list matches nothing, as a terms query ignores it.
      if literal != .null { literals.append((literal, item.range)) }
    }
    let field = fields.bind(fieldName.name)
    switch field.type {
    case .keyword?, .constantKeyword?, .wildcard?, .flattened?, .text?, .matchOnlyText?:
      return test(
        field,
        .keywordIn(
          ByteStringSet(literals.map { Self.text(of: $0.0) }, foldingCase: caseInsensitive || field.isCaseless)))
    default:
      return .or(literals.map { lowerEquality(field, $0.0, $0.1, caseInsensitive: caseInsensitive) })
    }
  }

  /// `:`, `like`, `like~`, `regex`, `regex~` on a field: term, wildcard and regexp queries on its keyword text.
  mutating func lowerMatch(
    _ op: EQLMatchOperator, _ value: EQLExpression, _ patterns: [EQLConstant], whole: EQLExpression
  ) -> Predicate {
    guard case .field(let fieldName) = value else { return expression(whole) }
    let field = fields.bind(fieldName.name)
    var exact: [String] = []
    var operands: [Predicate] = []
    for constant in patterns {
      guard case .string(let text) = constant.value else {
        diagnostics.append(
          .error("eql.match-value", "the value of '\(op.rawValue)' must be a string", at: constant.range))
        continue
      }
      if op.isRegex {
        if let regex = compileRegex(text, caseInsensitive: op.isCaseInsensitive, at: constant.range) {
          operands.append(test(field, .regex(regex)))
        }
      } else if op == .insensitiveEquals, !Self.hasWildcard(text) {
        exact.append(text)
      } else {
        let caseInsensitive = op.isCaseInsensitive || field.isCaseless
        operands.append(test(field, .wildcard(Self.wildcard(text, caseInsensitive: caseInsensitive))))
      }
    }
    if !exact.isEmpty { operands.insert(test(field, .keywordIn(ByteStringSet(exact, foldingCase: true))), at: 0) }
    return .or(operands)
  }

  /// A function as a condition: `startsWith`/`endsWith`/`stringContains` of a field and a constant become wildcard
  /// queries, `cidrMatch` of a field an IP test, as Elasticsearch translates them; others are computed.
  mutating func lowerCall(_ call: EQLFunctionCall, whole: EQLExpression) -> Predicate {
    let arguments = call.arguments
    switch call.function {
    case .startsWith, .endsWith, .stringContains:
      guard arguments.count == 2, case .field(let fieldName) = arguments[0],
        case .string(let text)? = constant(arguments[1])
      else { return expression(whole) }
      // startsWith is a prefix query (a literal prefix); endsWith and stringContains are wildcard queries built by
      // pasting `*` around the text, so Lucene's wildcard syntax applies inside it (`*`, `?`, `\` escapes).
      let pattern: WildcardPattern
      switch call.function {
      case .startsWith:
        pattern = WildcardPattern(
          WildcardPattern.escaped(text) + "*", escaping: .backslashAny, caseInsensitive: call.isCaseInsensitive)
      case .endsWith:
        pattern = WildcardPattern("*" + text, escaping: .backslashAny, caseInsensitive: call.isCaseInsensitive)
      default:
        pattern = WildcardPattern("*" + text + "*", escaping: .backslashAny, caseInsensitive: call.isCaseInsensitive)
      }
      return test(fields.bind(fieldName.name), .wildcard(pattern))
    case .cidrMatch:
      guard case .field(let fieldName) = arguments.first, let blocks = cidrBlocks(Array(arguments.dropFirst()))
      else { return expression(whole) }
      return test(fields.bind(fieldName.name), .ipIn(blocks))
    default:
      return expression(whole)
    }
  }

  /// The CIDR blocks of `cidrMatch`'s constant arguments; errors for invalid ones.
  mutating func cidrBlocks(_ arguments: [EQLExpression]) -> [CIDRBlock]? {
    var blocks: [CIDRBlock] = []
    for argument in arguments {
      guard case .literal(let literal, let range) = argument else { return nil }
      guard case .string(let text) = literal, let block = CIDRBlock(text) else {
        diagnostics.append(
          .error("eql.cidr", "'\(Self.text(of: literal))' is not an IP address or CIDR block", at: range))
        continue
      }
      blocks.append(block)
    }
    return blocks
  }

  mutating func compileRegex(_ pattern: String, caseInsensitive: Bool, at range: Range<Int>) -> LuceneRegex? {
    do {
      // Elasticsearch's case-insensitive regexp query folds ASCII letters only (Lucene ASCII_CASE_INSENSITIVE).
      return try LuceneRegex.compile(pattern, caseMatching: caseInsensitive ? .asciiLiterals : .sensitive)
    } catch {
      diagnostics.append(.error("eql.regex", "invalid regular expression: \(error)", at: range))
      return nil
    }
  }

  /// EQL wildcard patterns: `*` and `?`, no escape character (a backslash is literal, as Windows paths need).
  static func wildcard(_ pattern: String, caseInsensitive: Bool) -> WildcardPattern {
    WildcardPattern(pattern, escaping: .none, caseInsensitive: caseInsensitive)
  }

  static func hasWildcard(_ text: String) -> Bool {
    text.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
  }

  private mutating func invalid(
    _ literal: EQLLiteral, _ range: Range<Int>, _ field: FieldBinding, expected: String
  ) -> Predicate {
    diagnostics.append(
      .error(
        "eql.value-type",
        "'\(Self.text(of: literal))' is not \(expected), but '\(field.name)' is a \(field.type?.rawValue ?? "") field",
        at: range))
    return .never
  }

  /// The text a keyword field would compare a constant with.
  static func text(of literal: EQLLiteral) -> String {
    switch literal {
    case .null: "null"
    case .boolean(let value): String(value)
    case .integer(let value): String(value)
    case .decimal(let value): String(value)
    case .string(let value): value
    }
  }

  static func number(of literal: EQLLiteral) -> Number? {
    switch literal {
    case .integer(let value): .int(value)
    case .decimal(let value): .double(value)
    case .string(let text): Number(text)
    case .null, .boolean: nil
    }
  }

  static func boolean(of literal: EQLLiteral) -> Bool? {
    switch literal {
    case .boolean(let value): value
    case .string(let text): Bool(text)
    default: nil
    }
  }

  /// A date constant: ISO-8601 text, or an integer of epoch milliseconds.
  static func date(of literal: EQLLiteral) -> Int64? {
    switch literal {
    case .integer(let milliseconds): Timestamp.fromEpochMilliseconds(milliseconds)
    case .string(let text): Timestamp.parse(Array(text.utf8))
    default: nil
    }
  }
}

extension EQLComparisonOperator {
  /// The operator with its operands swapped: `1 < x` is `x > 1`.
  var flipped: EQLComparisonOperator {
    switch self {
    case .equal, .notEqual: self
    case .less: .greater
    case .lessOrEqual: .greaterOrEqual
    case .greater: .less
    case .greaterOrEqual: .lessOrEqual
    }
  }
}
