import VigilEvents
import VigilQuery

extension ESQLCompiler {
  /// The pre-filter: a condition every event that reaches the output meets, from the `WHERE` commands before the
  /// first `STATS`, `INLINE STATS` or `LIMIT` (whose results depend on the other rows too). Only references to
  /// document fields count: a name an earlier `EVAL`, `RENAME`, `DISSECT`, `GROK` or `COMPLETION` (re)defined is
  /// a computed column. After `MV_EXPAND f`, a test on `f` holds for one of the document's values, which is what
  /// the IR's any-value tests check.
  mutating func sourcePredicate(fields: inout FieldResolver) -> Predicate {
    var conditions: [Predicate] = []
    computed = []
    definitions = [:]
    nonNullConditions = [:]
    for command in query.commands.dropFirst() {
      switch command.kind {
      case .where(let condition): conditions.append(necessary(condition, fields: &fields))
      case .eval(let assignments):
        for assignment in assignments {
          let name = query.columnName(of: assignment)
          // A column computed from document fields alone is its expression wherever a `WHERE` reads it.
          let fromDocument = assignment.expression.fieldReferences.allSatisfy { !computed.contains($0) }
          let nonNull = nonNullCondition(assignment.expression, fields: &fields)
          definitions[name] = fromDocument ? assignment.expression : nil
          nonNullConditions[name] = nonNull == .always ? nil : nonNull
          computed.insert(name)
        }
      case .rename(let renames):
        for rename in renames {
          computed.formUnion([rename.old.text, rename.new.text])
          for name in [rename.old.text, rename.new.text] {
            definitions[name] = nil
            nonNullConditions[name] = nil
          }
        }
      case .dissect(let dissect):
        let matched = dissectMatched(dissect, fields: &fields)
        computed.formUnion(dissect.keys)
        for key in dissect.keys {
          definitions[key] = nil
          nonNullConditions[key] = matched
        }
      case .grok(let grok):
        computed.formUnion(grok.fields)
        for field in grok.fields {
          definitions[field] = nil
          nonNullConditions[field] = nil
        }
      case .completion: return .always
      case .stats, .limit: return Predicate.and(conditions).simplified()
      case .from, .keep, .drop, .sort, .mvExpand: continue
      }
    }
    return Predicate.and(conditions).simplified()
  }

  /// A predicate implied by `expression` being true: exact for positive field tests, `always` for what does not
  /// lower. A negation lowers through ``necessarilyFalse(_:fields:)``: ES|QL's `NOT` on a missing or multi-valued
  /// field is `null`, not the IR's `not`.
  private mutating func necessary(_ expression: ESQLExpression, fields: inout FieldResolver) -> Predicate {
    switch expression.kind {
    case .binary(.and, let lhs, let rhs):
      return .and([necessary(lhs, fields: &fields), necessary(rhs, fields: &fields)])
    case .binary(.or, let lhs, let rhs):
      return .or([necessary(lhs, fields: &fields), necessary(rhs, fields: &fields)])
    case .not(let operand):
      return necessarilyFalse(operand, fields: &fields)
    case .isIn(_, _, negated: true), .like(_, _, _, negated: true, _):
      return necessarilyFalse(Self.negated(expression), fields: &fields)
    case .isNull(let operand, negated: true):
      return nonNullCondition(operand, fields: &fields)
    case .binary(let op, let lhs, let rhs) where op.isComparison:
      let (lhs, rhs) = (defined(lhs), defined(rhs))
      if case .literal(let constant) = rhs.kind, Self.isCase(lhs) {
        return caseBranches(lhs, fields: &fields) { Self.mayHold($0, op, constant) }
      }
      if case .literal(let constant) = lhs.kind, Self.isCase(rhs), op == .equal || op == .notEqual {
        return caseBranches(rhs, fields: &fields) { Self.mayHold($0, op, constant) }
      }
      if op == .notEqual { return necessarilyFalse(Self.negated(expression), fields: &fields) }
      if let locate = locateFound(lhs, op, rhs, fields: &fields) { return locate }
      if let (binding, folded) = fieldOperand(lhs, fields: &fields), case .literal(let literal) = rhs.kind {
        return compare(binding, folded, op, literal)
      }
      if let (binding, folded) = fieldOperand(rhs, fields: &fields), case .literal(let literal) = lhs.kind {
        let mirrored: ESQLBinaryOperator =
          switch op {
          case .less: .greater
          case .lessOrEqual: .greaterOrEqual
          case .greater: .less
          case .greaterOrEqual: .lessOrEqual
          default: op
          }
        return compare(binding, folded, mirrored, literal)
      }
      return .always
    case .isIn(let operand, let list, negated: false):
      guard let (binding, folded) = fieldOperand(defined(operand), fields: &fields) else { return .always }
      var texts: [String] = []
      for item in list {
        guard case .literal(let literal) = item.kind, let text = Self.keywordText(literal) else { return .always }
        texts.append(text)
      }
      return keyword(binding, texts, folded: folded)
    case .like(let operand, let patterns, let regex, negated: false, _):
      guard let (binding, folded) = fieldOperand(defined(operand), fields: &fields), binding.type?.isKeyword ?? true
      else {
        return .always
      }
      if regex {
        // The IR's regex condition is case-sensitive: a lowered operand's pattern is left to the row evaluation.
        guard !folded else { return .always }
        return .or(
          patterns.map { pattern in
            guard let compiled = matchers.luceneRegexes[pattern] else { return .always }
            return .test(FieldTest(field: binding.id, condition: .regex(compiled)))
          })
      }
      return .or(
        patterns.map { pattern in
          .test(
            FieldTest(
              field: binding.id,
              condition: .wildcard(WildcardPattern(pattern, escaping: .backslashAny, caseInsensitive: folded))))
        })
    case .call("KQL", _, _), .call("MATCH", _, _), .call("MATCH_PHRASE", _, _), .match:
      if let fuzzy = matchers.fuzzy[expression.range.lowerBound] { return fuzzy.necessaryPredicate }
      return matchers.fullText[expression.range.lowerBound]?.predicate ?? .always
    case .call(let name, let arguments, _) where name == "STARTS_WITH" || name == "ENDS_WITH" || name == "CONTAINS":
      guard arguments.count == 2, let text = Self.constantText(arguments[1]) else { return .always }
      let place: TextPlace = name == "STARTS_WITH" ? .prefix : (name == "ENDS_WITH" ? .suffix : .anywhere)
      return textTest(defined(arguments[0]), text, place, fields: &fields)
    case .call("CIDR_MATCH", let arguments, _):
      guard case .field(let name)? = arguments.first?.kind, !computed.contains(name) else { return .always }
      var blocks: [CIDRBlock] = []
      for argument in arguments.dropFirst() {
        guard case .literal(.string(let text)) = argument.kind, let block = CIDRBlock(text) else { return .always }
        blocks.append(block)
      }
      let binding = fields.bind(name)
      guard binding.type == .ip else { return .always }
      return .test(FieldTest(field: binding.id, condition: .ipIn(blocks)))
    default:
      return .always
    }
  }

  /// A predicate implied by `expression` being `false` (not `null`): `NOT expression` holding. ES|QL's comparisons,
  /// `IN` and `LIKE` are `null` for a missing or multi-valued field, so they are false only for a field with one
  /// value, and the IR's `not` of an exact test then says the same.
  private mutating func necessarilyFalse(_ expression: ESQLExpression, fields: inout FieldResolver) -> Predicate {
    switch expression.kind {
    case .binary(.or, let lhs, let rhs):
      return .and([necessarilyFalse(lhs, fields: &fields), necessarilyFalse(rhs, fields: &fields)])
    case .binary(.and, let lhs, let rhs):
      return .or([necessarilyFalse(lhs, fields: &fields), necessarilyFalse(rhs, fields: &fields)])
    case .not(let operand):
      return necessary(operand, fields: &fields)
    case .isIn(let operand, let list, negated: false):
      return excluded(defined(operand), list, fields: &fields)
    case .isIn(_, _, negated: true), .like(_, _, _, negated: true, _), .binary(.notEqual, _, _):
      return necessary(Self.negated(expression), fields: &fields)
    case .like(let operand, let patterns, regex: false, negated: false, _):
      return unlike(defined(operand), patterns, fields: &fields)
    case .binary(.equal, let lhs, let rhs):
      let (lhs, rhs) = (defined(lhs), defined(rhs))
      if case .literal = rhs.kind { return excluded(lhs, [rhs], fields: &fields) }
      if case .literal = lhs.kind { return excluded(rhs, [lhs], fields: &fields) }
      return .always
    case .isNull(let operand, negated: false):
      return nonNullCondition(operand, fields: &fields)
    default:
      return .always
    }
  }

  /// `NOT IN`, `NOT LIKE` and `!=` as the positive test they deny is false for: `IN`, `LIKE` and `==`.
  private static func negated(_ expression: ESQLExpression) -> ESQLExpression {
    let kind: ESQLExpression.Kind =
      switch expression.kind {
      case .isIn(let operand, let list, _): .isIn(operand, list, negated: false)
      case .like(let operand, let patterns, let regex, _, let list):
        .like(operand, patterns: patterns, regex: regex, negated: false, list: list)
      case .binary(.notEqual, let lhs, let rhs): .binary(.equal, lhs, rhs)
      default: expression.kind
      }
    return ESQLExpression(kind, range: expression.range)
  }

  /// "The keyword field `operand` has a value, and none passes `test`" (given the field's id): what a test that is
  /// exact on one value being false implies, for a keyword field read as written (not lower-cased: the IR folds case
  /// differently from `TO_LOWER` for a few non-ASCII letters). `always` for other operands.
  private func hasValueFailing(
    _ operand: ESQLExpression, fields: inout FieldResolver, _ test: (FieldID) -> Predicate
  ) -> Predicate {
    guard let (binding, folded) = fieldOperand(operand, fields: &fields), !folded, binding.type?.isKeyword == true
    else { return .always }
    return .and([.test(FieldTest(field: binding.id, condition: .exists)), .not(test(binding.id))])
  }

  /// What `operand IN items` (or `operand == item`) being false implies: the field has a value, none of the constant
  /// strings `items` (``hasValueFailing(_:fields:_:)``).
  private func excluded(_ operand: ESQLExpression, _ items: [ESQLExpression], fields: inout FieldResolver) -> Predicate
  {
    var texts: [String] = []
    for item in items {
      guard case .literal(.string(let text)) = item.kind else { return .always }
      texts.append(text)
    }
    return hasValueFailing(operand, fields: &fields) {
      .test(FieldTest(field: $0, condition: .keywordIn(ByteStringSet(texts))))
    }
  }

  /// What `operand LIKE patterns` being false implies: the field has a value, matching none of the patterns.
  private func unlike(_ operand: ESQLExpression, _ patterns: [String], fields: inout FieldResolver) -> Predicate {
    guard !patterns.isEmpty else { return .always }
    return hasValueFailing(operand, fields: &fields) { field in
      .or(
        patterns.map {
          .test(FieldTest(field: field, condition: .wildcard(WildcardPattern($0, escaping: .backslashAny))))
        })
    }
  }

  /// What a value's being non-`null` (`IS NOT NULL`) implies of the document: for a document field, that it has a
  /// value; for a `DISSECT` key or a column computed from them (``nonNullConditions``), the condition recorded; for
  /// `COALESCE`, one of its arguments'; for `CASE`, one of the conditions of its branches whose value is not `null`.
  private mutating func nonNullCondition(_ expression: ESQLExpression, fields: inout FieldResolver) -> Predicate {
    switch expression.kind {
    case .field(let name):
      if let condition = nonNullConditions[name] { return condition }
      guard !computed.contains(name) else { return .always }
      return .test(FieldTest(field: fields.bind(name).id, condition: .exists))
    case .call("COALESCE", let arguments, _) where !arguments.isEmpty:
      return .or(arguments.map { nonNullCondition($0, fields: &fields) })
    case .call("CASE", _, _) where Self.isCase(expression):
      return caseBranches(expression, fields: &fields) { !Self.isNullLiteral($0) }
    default:
      return .always
    }
  }

  /// What a `DISSECT`'s keys being non-`null` implies: its input, a keyword (or unmapped) field read as written,
  /// has the pattern's text before the first key at its start and the texts between keys in order (a wildcard of
  /// them); `always` for other inputs.
  private func dissectMatched(_ dissect: ESQLDissect, fields: inout FieldResolver) -> Predicate {
    guard let (binding, folded) = fieldOperand(defined(dissect.input), fields: &fields), !folded,
      binding.type?.isKeyword ?? true
    else { return .always }
    let pattern = ESQLDissectPattern(dissect.pattern, appendSeparator: dissect.appendSeparator)
    var wildcard = WildcardPattern.escaped(String(decoding: pattern.prefix, as: UTF8.self)) + "*"
    for key in pattern.keys where !key.delimiter.isEmpty {
      wildcard += WildcardPattern.escaped(String(decoding: key.delimiter, as: UTF8.self)) + "*"
    }
    return .test(
      FieldTest(field: binding.id, condition: .wildcard(WildcardPattern(wildcard, escaping: .backslashAny))))
  }

  /// Whether `expression` is a `CASE` call.
  private static func isCase(_ expression: ESQLExpression) -> Bool {
    if case .call("CASE", let arguments, _) = expression.kind { return arguments.count >= 2 }
    return false
  }

  private static func isNullLiteral(_ expression: ESQLExpression) -> Bool {
    if case .literal(.null) = expression.kind { return true }
    return false
  }

  /// What a `CASE` whose value must satisfy a test implies: one of the conditions of the branches whose value
  /// `mayMatch` (a value that is not a constant may), each branch being taken only when its condition holds; `always`
  /// when the default value may match (`null`, the default when there is none, does not).
  private mutating func caseBranches(
    _ expression: ESQLExpression, fields: inout FieldResolver, mayMatch: (ESQLExpression) -> Bool
  ) -> Predicate {
    guard case .call("CASE", let arguments, _) = expression.kind else { return .always }
    var branches: [Predicate] = []
    var index = 0
    while index + 1 < arguments.count {
      if mayMatch(arguments[index + 1]) { branches.append(necessary(arguments[index], fields: &fields)) }
      index += 2
    }
    if index < arguments.count, mayMatch(arguments[index]) { return .always }
    return .or(branches)
  }

  /// Whether a `CASE` value may satisfy `value op constant`: `false` only for a constant that cannot (`null`, or a
  /// string other than the constant for `==`, equal to it for `!=`).
  private static func mayHold(_ value: ESQLExpression, _ op: ESQLBinaryOperator, _ constant: ESQLLiteral) -> Bool {
    guard case .literal(let literal) = value.kind else { return true }
    if literal == .null || constant == .null { return false }
    guard case .string(let text) = literal, case .string(let other) = constant else { return true }
    switch op {
    case .equal: return text == other
    case .notEqual: return text != other
    case .equalIgnoringCase: return text.lowercased() == other.lowercased()
    default: return true
    }
  }

  /// Where a constant must occur in a value for ``textTest(_:_:_:fields:)``.
  private enum TextPlace {
    case prefix, suffix, anywhere
  }

  /// "A value of the operand's field has `text` at `place`", as a wildcard, when the operand is a keyword-family
  /// (or unmapped) field or its `TO_LOWER`; `always` otherwise.
  private func textTest(_ operand: ESQLExpression, _ text: String, _ place: TextPlace, fields: inout FieldResolver)
    -> Predicate
  {
    guard let (binding, folded) = fieldOperand(operand, fields: &fields), binding.type?.isKeyword ?? true else {
      return .always
    }
    let escaped = WildcardPattern.escaped(text)
    let pattern =
      switch place {
      case .prefix: escaped + "*"
      case .suffix: "*" + escaped
      case .anywhere: "*" + escaped + "*"
      }
    return .test(
      FieldTest(
        field: binding.id,
        condition: .wildcard(WildcardPattern(pattern, escaping: .backslashAny, caseInsensitive: folded))))
  }

  /// `LOCATE(field, constant) > 0` (or `>= 1`, either side): the field's value contains the constant. `nil` for
  /// other comparisons.
  private func locateFound(
    _ lhs: ESQLExpression, _ op: ESQLBinaryOperator, _ rhs: ESQLExpression, fields: inout FieldResolver
  ) -> Predicate? {
    func found(_ call: ESQLExpression, _ op: ESQLBinaryOperator, _ bound: ESQLExpression) -> Predicate? {
      guard case .call("LOCATE", let arguments, _) = call.kind, arguments.count == 2,
        case .literal(.integer(let number)) = bound.kind,
        (op == .greater && number == 0) || (op == .greaterOrEqual && number == 1)
      else { return nil }
      guard let text = Self.constantText(arguments[1]) else { return .always }
      return textTest(arguments[0], text, .anywhere, fields: &fields)
    }
    let mirrored: ESQLBinaryOperator? =
      switch op {
      case .less: .greater
      case .lessOrEqual: .greaterOrEqual
      default: nil
      }
    return found(lhs, op, rhs) ?? mirrored.flatMap { found(rhs, $0, lhs) }
  }

  /// The column a bare name refers to, replaced by its `EVAL` expression when it was computed from document fields
  /// alone (``definitions``); any other expression as it is.
  private func defined(_ expression: ESQLExpression) -> ESQLExpression {
    guard case .field(let name) = expression.kind, let definition = definitions[name] else { return expression }
    return definition
  }

  /// The text of a constant string expression: a literal, `SPACE(n)` or `REPEAT(literal, n)` with a literal count
  /// (up to ``longestConstantText`` bytes).
  static func constantText(_ expression: ESQLExpression) -> String? {
    switch expression.kind {
    case .literal(.string(let text)):
      return text
    case .call("SPACE", let arguments, _):
      guard arguments.count == 1, case .literal(.integer(let count)) = arguments[0].kind,
        (0...Int64(longestConstantText)).contains(count)
      else { return nil }
      return String(repeating: " ", count: Int(count))
    case .call("REPEAT", let arguments, _):
      guard arguments.count == 2, case .literal(.string(let text)) = arguments[0].kind,
        case .literal(.integer(let count)) = arguments[1].kind, count >= 0,
        Int64(text.utf8.count) * count <= Int64(longestConstantText)
      else { return nil }
      return String(repeating: text, count: Int(count))
    default:
      return nil
    }
  }

  /// The longest constant ``constantText(_:)`` builds: enough for the patterns rules search for.
  static let longestConstantText = 4096

  /// A bare field, or `TO_LOWER(field)` (then `folded`): keyword-family or unmapped fields only for the latter. A
  /// `caseless` field is `folded` too: its values are lower-cased.
  private func fieldOperand(_ expression: ESQLExpression, fields: inout FieldResolver) -> (FieldBinding, Bool)? {
    switch expression.kind {
    case .field(let name):
      guard !computed.contains(name) else { return nil }
      let binding = fields.bind(name)
      return (binding, binding.isCaseless)
    case .call("TO_LOWER", let arguments, _):
      guard case .field(let name)? = arguments.first?.kind, !computed.contains(name) else { return nil }
      let binding = fields.bind(name)
      return binding.type?.isKeyword ?? true ? (binding, true) : nil
    default: return nil
    }
  }

  private static func keywordText(_ literal: ESQLLiteral) -> String? {
    switch literal {
    case .string(let text): text
    case .integer(let number): String(number)
    case .boolean(let flag): flag ? "true" : "false"
    default: nil
    }
  }

  /// `field op constant`, by the field's type; `always` where the types are not the simple ones.
  private func compare(_ binding: FieldBinding, _ folded: Bool, _ op: ESQLBinaryOperator, _ literal: ESQLLiteral)
    -> Predicate
  {
    let type = binding.type
    if op == .equal || op == .equalIgnoringCase {
      guard let text = Self.keywordText(literal) else { return .always }
      let fold = folded || op == .equalIgnoringCase
      if type?.isKeyword ?? false { return keyword(binding, [text], folded: fold) }
      if type == nil, case .string = literal { return keyword(binding, [text], folded: fold) }
    }
    guard !folded, op != .equalIgnoringCase, let type else { return .always }
    if type.isNumeric {
      let number: Number?
      switch literal {
      case .integer(let value): number = Number(String(value))
      case .decimal(let value): number = Number("\(value)")
      default: number = nil
      }
      guard let number else { return .always }
      return .test(FieldTest(field: binding.id, condition: .number(Self.interval(op, number))))
    }
    if type.isDate, case .string(let text) = literal, let time = Timestamp.parse(Array(text.utf8)) {
      return .test(FieldTest(field: binding.id, condition: .date(Self.interval(op, time))))
    }
    return .always
  }

  private static func interval<T: Comparable & Hashable & Sendable>(_ op: ESQLBinaryOperator, _ value: T) -> Interval<T>
  {
    switch op {
    case .less: Interval(upper: Bound(value, inclusive: false))
    case .lessOrEqual: Interval(upper: Bound(value, inclusive: true))
    case .greater: Interval(lower: Bound(value, inclusive: false))
    case .greaterOrEqual: Interval(lower: Bound(value, inclusive: true))
    default: .exactly(value)
    }
  }

  private func keyword(_ binding: FieldBinding, _ texts: [String], folded: Bool) -> Predicate {
    guard binding.type?.isKeyword ?? (binding.type == nil) else { return .always }
    let set = ByteStringSet(texts, foldingCase: folded)
    if binding.type == nil {
      return .test(FieldTest(field: binding.id, condition: .dynamic(DynamicMatch(keywords: set))))
    }
    return .test(FieldTest(field: binding.id, condition: .keywordIn(set)))
  }
}
