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
    for command in query.commands.dropFirst() {
      switch command.kind {
      case .where(let condition): conditions.append(necessary(condition, fields: &fields))
      case .eval(let assignments): computed.formUnion(assignments.map { query.columnName(of: $0) })
      case .rename(let renames):
        for rename in renames { computed.formUnion([rename.old.text, rename.new.text]) }
      case .dissect(let dissect): computed.formUnion(dissect.keys)
      case .grok(let grok): computed.formUnion(grok.fields)
      case .completion: return .always
      case .stats, .limit: return Predicate.and(conditions).simplified()
      case .from, .keep, .drop, .sort, .mvExpand: continue
      }
    }
    return Predicate.and(conditions).simplified()
  }

  /// A predicate implied by `expression` being true: exact for positive field tests, `always` for what does not
  /// lower (negations included, since ES|QL's `NOT` on a missing or multi-valued field is not the IR's `not`).
  private mutating func necessary(_ expression: ESQLExpression, fields: inout FieldResolver) -> Predicate {
    switch expression.kind {
    case .binary(.and, let lhs, let rhs):
      return .and([necessary(lhs, fields: &fields), necessary(rhs, fields: &fields)])
    case .binary(.or, let lhs, let rhs):
      return .or([necessary(lhs, fields: &fields), necessary(rhs, fields: &fields)])
    case .binary(let op, let lhs, let rhs) where op.isComparison && op != .notEqual:
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
      guard let (binding, folded) = fieldOperand(operand, fields: &fields) else { return .always }
      var texts: [String] = []
      for item in list {
        guard case .literal(let literal) = item.kind, let text = Self.keywordText(literal) else { return .always }
        texts.append(text)
      }
      return keyword(binding, texts, folded: folded)
    case .like(let operand, let patterns, let regex, negated: false, _):
      guard let (binding, folded) = fieldOperand(operand, fields: &fields), binding.type?.isKeyword ?? true else {
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
    case .isNull(let operand, negated: true):
      guard case .field(let name) = operand.kind, !computed.contains(name) else { return .always }
      return .test(FieldTest(field: fields.bind(name).id, condition: .exists))
    case .call("KQL", _, _), .call("MATCH", _, _), .call("MATCH_PHRASE", _, _), .match:
      return matchers.fullText[expression.range.lowerBound]?.predicate ?? .always
    case .call(let name, let arguments, _) where name == "STARTS_WITH" || name == "ENDS_WITH":
      guard arguments.count == 2, let (binding, folded) = fieldOperand(arguments[0], fields: &fields),
        case .literal(.string(let text)) = arguments[1].kind, binding.type?.isKeyword ?? true
      else { return .always }
      var escaped = ""
      for char in text {
        if char == "*" || char == "?" || char == "\\" { escaped.append("\\") }
        escaped.append(char)
      }
      let pattern = name == "STARTS_WITH" ? escaped + "*" : "*" + escaped
      return .test(
        FieldTest(
          field: binding.id,
          condition: .wildcard(WildcardPattern(pattern, escaping: .backslashAny, caseInsensitive: folded))))
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

  /// A bare field, or `TO_LOWER(field)` (then `folded`): keyword-family or unmapped fields only for the latter.
  private func fieldOperand(_ expression: ESQLExpression, fields: inout FieldResolver) -> (FieldBinding, Bool)? {
    switch expression.kind {
    case .field(let name):
      return computed.contains(name) ? nil : (fields.bind(name), false)
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
