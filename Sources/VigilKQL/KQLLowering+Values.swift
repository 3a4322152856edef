import VigilEvents
import VigilQuery
import VigilSyntax

extension KQLLowering {
  /// `field:value` for one literal, by the field's type.
  mutating func lowerLiteral(_ literal: KQLLiteral, _ field: FieldBinding) -> Predicate {
    if literal.isLoneWildcard { return test(field, .exists) }
    if literal.hasWildcard { return lowerWildcard(literal, field) }
    let text = literal.text
    guard let type = field.type else {
      return test(
        field,
        .dynamic(DynamicMatch(keywords: ByteStringSet([text]), number: Number(text), boolean: Bool(text))))
    }
    switch type {
    case .keyword, .constantKeyword, .wildcard, .flattened:
      return test(field, .keywordIn(ByteStringSet([text], foldingCase: field.isCaseless)))
    case .text, .matchOnlyText:
      return test(field, .text(TextQuery(text, mode: literal.isQuoted ? .phrase : .anyToken)))
    case .boolean:
      guard let value = Bool(text) else { return invalid(literal, field, expected: "true or false") }
      return test(field, .boolean(value))
    case .date, .dateNanos:
      // Kibana sends `range: {gte: value, lte: value}` for a date field, so a value with missing parts matches the
      // whole unit it names: `@timestamp:2024-05-02` is any time on that day.
      guard let first = date(text, roundsUp: false), let last = date(text, roundsUp: true) else {
        return invalid(literal, field, expected: "a date")
      }
      return test(field, .date(Interval(lower: Bound(first, inclusive: true), upper: Bound(last, inclusive: true))))
    case .ip:
      guard let block = CIDRBlock(text) else { return invalid(literal, field, expected: "an IP address or CIDR block") }
      return test(field, .ipIn([block]))
    case .object, .nested:
      if lenient { return .never }
      diagnostics.append(
        .warning("kql.object-field", "'\(field.name)' is an object, so a value never matches it", at: literal.range))
      return .never
    default:
      if type.isNumeric {
        guard let number = Number(text) else { return invalid(literal, field, expected: "a number") }
        return test(field, .number(.exactly(number)))
      }
      return test(field, .keywordIn(ByteStringSet([text])))
    }
  }

  /// A value with `*`: Kibana sends an Elasticsearch `wildcard` query whose pattern is the text with `*` between
  /// the pieces, unescaped, so there `?` also matches one character and a backslash escapes the next.
  private mutating func lowerWildcard(_ literal: KQLLiteral, _ field: FieldBinding) -> Predicate {
    var pattern = ""
    for part in literal.parts {
      switch part {
      case .text(let text): pattern += text
      case .wildcard: pattern += "*"
      }
    }
    return lowerWildcard(pattern: pattern, field, at: literal.range)
  }

  /// An Elasticsearch `wildcard` query's pattern (`*`, `?`, backslash escapes) on a field, by the field's type.
  mutating func lowerWildcard(pattern: String, _ field: FieldBinding, at range: Range<Int>) -> Predicate {
    switch field.type {
    case nil, .keyword?, .constantKeyword?, .wildcard?, .flattened?:
      return test(
        field, .wildcard(WildcardPattern(pattern, escaping: .backslashAny, caseInsensitive: field.isCaseless)))
    case .text?, .matchOnlyText?:
      // query_string on an analysed field: the pattern is matched, lower-cased, against the whole value.
      return test(field, .wildcard(WildcardPattern(pattern, escaping: .backslashAny, caseInsensitive: true)))
    default:
      if lenient { return .never }
      diagnostics.append(
        .warning(
          "kql.wildcard-on-value-field",
          "wildcards never match '\(field.name)', a \(field.type?.rawValue ?? "") field", at: range))
      return .never
    }
  }

  /// `field < value` and the other comparisons.
  mutating func lowerRange(_ field: FieldBinding, _ op: KQLRangeOperator, _ literal: KQLLiteral) -> Predicate {
    let text = literal.text
    let inclusive = op == .lessThanOrEqual || op == .greaterThanOrEqual
    let isLower = op == .greaterThan || op == .greaterThanOrEqual
    func interval<Limit>(_ value: Limit) -> Interval<Limit> {
      isLower ? Interval(lower: Bound(value, inclusive: inclusive)) : Interval(upper: Bound(value, inclusive: inclusive))
    }
    // Elasticsearch rounds date math up for `<=` and `>` bounds, down for `<` and `>=`.
    let roundsUp = op == .lessThanOrEqual || op == .greaterThan
    switch field.type {
    case let type? where type.isNumeric:
      guard let number = Number(text) else { return invalid(literal, field, expected: "a number") }
      return test(field, .number(interval(number)))
    case .date?, .dateNanos?:
      guard let time = date(text, roundsUp: roundsUp) else { return invalid(literal, field, expected: "a date") }
      return test(field, .date(interval(time)))
    case .ip?:
      guard let address = IPAddress(text) else { return invalid(literal, field, expected: "an IP address") }
      return test(field, .ipRange(interval(address)))
    case nil:
      if let number = Number(text) { return test(field, .number(interval(number))) }
      if let time = date(text, roundsUp: roundsUp) { return test(field, .date(interval(time))) }
      return test(field, .keywordRange(interval(ByteString(text))))
    default:
      return test(field, .keywordRange(interval(ByteString(text))))
    }
  }

  /// A date value: ISO-8601 text, epoch milliseconds, or date math relative to the run time. Rounding up (`<=`, `>`,
  /// the end of a date term), missing parts take Elasticsearch's round-up defaults (`2024-05-02` is its last
  /// nanosecond); rounding down, the start of their unit.
  private mutating func date(_ text: String, roundsUp: Bool) -> Int64? {
    if let time = Timestamp.parse(Array(text.utf8), roundingUp: roundsUp) { return time }
    guard let math = DateMath.parse(text) else { return nil }
    guard let now else {
      if lenient { return nil }
      diagnostics.append(.error("kql.relative-date", "'\(text)' is relative to the run time, which is not known here"))
      return nil
    }
    return math.resolve(now: now, roundsUp: roundsUp)
  }

  /// A value the field's type cannot take: an error, as the query Elasticsearch would build fails; when lenient
  /// (free text, field patterns), the field is skipped instead.
  private mutating func invalid(_ literal: KQLLiteral, _ field: FieldBinding, expected: String) -> Predicate {
    if lenient { return .never }
    diagnostics.append(
      .error(
        "kql.value-type",
        "'\(literal.text)' is not \(expected), but '\(field.name)' is a \(field.type?.rawValue ?? "dynamic") field",
        at: literal.range))
    return .never
  }
}
