import VigilQuery

/// An ES|QL expression compiled once per query: literals are values, functions and casts are resolved, patterns and
/// full-text conditions are their compiled matchers, and a column is an index into the column names of the
/// expression's ``ESQLColumnReferences`` (resolved to a row position once per row layout, see ``ESQLLayout``).
indirect enum ESQLCompiledExpression: Sendable {
  case constant(ESQLValue)
  /// The column named `references.names[index]`; `null` when the row has no such column.
  case column(Int)
  /// Unary minus (`negated: true`) or plus.
  case unary(negated: Bool, Self)
  case not(Self)
  case binary(ESQLBinaryOperator, Self, Self)
  /// A `::type` cast or a `TO_*` conversion: each element converted, those that do not convert dropped.
  case convert(Self, ESQLConversion)
  /// `LIKE`/`RLIKE` with one matcher per pattern.
  case like(Self, [ESQLTextMatcher], negated: Bool)
  /// `IN`: with `strings`, the items when they are all constant strings (enough of them to be worth hashing), so that
  /// a string operand is decided by one lookup rather than a comparison with each.
  case isIn(Self, [Self], strings: Set<ESQLValue>?, negated: Bool)
  case isNull(Self, negated: Bool)
  /// `KQL()`, `MATCH()`, `MATCH_PHRASE()` and `:`: a condition on the row's source event.
  case fullText(ESQLFullTextCondition)
  case call(ESQLScalarFunction, [Self])
  /// `CIDR_MATCH` whose blocks are constants, parsed once (those that do not parse left out, as they match nothing).
  case cidrMatch(Self, blocks: [CIDRBlock])
  /// A `CASE` (its arguments) whose conditions its table decides for most values.
  case caseTable(ESQLCaseTable, [Self])

  var isConstant: Bool { if case .constant = self { true } else { false } }

  /// The direct operands.
  var children: [Self] {
    switch self {
    case .constant, .column, .fullText: []
    case .unary(_, let operand), .not(let operand), .convert(let operand, _), .like(let operand, _, _),
      .isNull(let operand, _), .cidrMatch(let operand, _):
      [operand]
    case .binary(_, let lhs, let rhs): [lhs, rhs]
    case .isIn(let operand, let items, _, _): [operand] + items
    case .call(_, let arguments), .caseTable(_, let arguments): arguments
    }
  }
}

/// The column names the expressions of one stage (or one `EVAL` assignment) read, numbered as
/// ``ESQLCompiledExpression/column(_:)`` numbers them.
struct ESQLColumnReferences: Sendable {
  private(set) var names: [String] = []
  private var numbers: [String: Int] = [:]

  /// The number of a column name, added when new.
  mutating func number(_ name: String) -> Int {
    if let known = numbers[name] { return known }
    numbers[name] = names.count
    names.append(name)
    return names.count - 1
  }

  /// Per referenced name, its position in `columns` (the first, as `row[name]` finds it), `-1` when absent.
  func slots(in columns: [String]) -> [Int] {
    names.map { columns.firstIndex(of: $0) ?? -1 }
  }
}

/// The values of a row seen through the slots of one ``ESQLColumnReferences``.
struct ESQLRowView {
  let values: [ESQLValue]
  let slots: [Int]

  /// The value of referenced column `number`; `null` when the row lacks it.
  subscript(number: Int) -> ESQLValue {
    let slot = slots[number]
    return slot < 0 ? .null : values[slot]
  }
}

/// A compiled `LIKE` or `RLIKE` pattern.
enum ESQLTextMatcher: Sendable {
  case wildcard(WildcardPattern)
  case regex(LuceneRegex)
  /// A pattern that did not compile (the query is then reported unsupported): matches nothing.
  case never

  func matches(_ text: String) -> Bool {
    switch self {
    case .wildcard(let pattern): pattern.matches(text)
    case .regex(let regex): regex.matches(text)
    case .never: false
    }
  }
}

/// A compiled full-text condition on the row's source event.
enum ESQLFullTextCondition: Sendable {
  case predicate(PredicateProgram)
  case fuzzy(ESQLFuzzyMatch)
  /// A condition that did not compile (the query is then reported unsupported): holds for nothing.
  case never
}
