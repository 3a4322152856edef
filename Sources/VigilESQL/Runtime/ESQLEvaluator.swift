import VigilEvents
import VigilQuery

/// Evaluates compiled ES|QL expressions on rows, with Elasticsearch's rules: `null` propagates, a single-value operation on
/// a multi-valued column gives `null` and a warning, integer arithmetic stays integral (overflow and division by
/// zero give `null` and a warning), dates move by time spans.
struct ESQLEvaluator {
  /// The patterns, regexes and full-text predicates of the query, compiled once.
  let matchers: ESQLMatchers
  /// `NOW()`, in nanoseconds since the epoch.
  var now: Int64
  /// Warnings raised so far (Elasticsearch adds a response header per warning kind; Vigil counts occurrences).
  var warnings = 0
  /// The event the current row comes from, for `KQL()` and other full-text functions.
  var event: Event?
  /// Emptied lists of function arguments, for the next calls to fill rather than allocate (a list per call made
  /// about one allocation per event on the corpus); nested calls each take their own.
  var spareArgumentLists: [[ESQLValue]] = []

  init(matchers: ESQLMatchers, now: Int64) {
    self.matchers = matchers
    self.now = now
  }

  /// The value as a single value: `nil` for `null`, and for a multi-value (with a warning).
  mutating func single(_ value: ESQLValue) -> ESQLValue? {
    switch value {
    case .null: return nil
    case .multi:
      warnings += 1
      return nil
    default: return value
    }
  }

  /// Whether a `WHERE` condition holds (only `true` keeps a row).
  mutating func holds(_ expression: ESQLCompiledExpression, _ row: ESQLRowView) -> Bool {
    evaluate(expression, row) == .boolean(true)
  }

  mutating func evaluate(_ expression: ESQLCompiledExpression, _ row: ESQLRowView) -> ESQLValue {
    switch expression {
    case .constant(let value): return value
    case .column(let number): return row[number]
    case .unary(let negated, let operand):
      let value = evaluate(operand, row)
      return negated ? negate(value) : value
    case .not(let operand):
      guard case .boolean(let flag)? = single(evaluate(operand, row)) else { return .null }
      return .boolean(!flag)
    case .binary(let op, let lhs, let rhs):
      return binary(op, lhs, rhs, row)
    case .convert(let operand, let conversion):
      return .list(evaluate(operand, row).elements.compactMap { convert(conversion, $0) })
    case .like(let operand, let matchers, let negated):
      guard case .string(let text)? = single(evaluate(operand, row)) else { return .null }
      let matched = matchers.contains { $0.matches(text) }
      return .boolean(matched != negated)
    case .isIn(let operand, let list, let strings, let negated):
      guard let value = single(evaluate(operand, row)) else { return .null }
      if let strings, case .string = value { return .boolean(strings.contains(value) != negated) }
      var sawNull = false
      for item in list {
        let candidate = evaluate(item, row)
        guard let other = single(candidate) else {
          sawNull = true
          continue
        }
        if ESQLValue.compare(value, other) == 0 { return .boolean(!negated) }
      }
      return sawNull ? .null : .boolean(negated)
    case .isNull(let operand, let negated):
      return .boolean(evaluate(operand, row).isNull != negated)
    case .fullText(let condition):
      guard let event else { return .boolean(false) }
      switch condition {
      case .predicate(let program): return .boolean(program.evaluate(event))
      case .fuzzy(let fuzzy): return .boolean(fuzzy.matches(event))
      case .never: return .boolean(false)
      }
    case .call(let function, let arguments):
      return call(function, arguments, row)
    case .cidrMatch(let operand, let blocks):
      return cidrMatch(evaluate(operand, row), blocks: blocks)
    case .caseTable(let table, let arguments):
      switch table.decide(evaluate(table.subject, row)) {
      case .branch(let branch): return evaluate(arguments[2 * branch + 1], row)
      case .otherwise: return arguments.count % 2 == 1 ? evaluate(arguments[arguments.count - 1], row) : .null
      case .undecided: return call(.case_, arguments, row)
      }
    }
  }

  private mutating func negate(_ value: ESQLValue) -> ESQLValue {
    switch single(value) {
    case .integer(let number)?:
      let (result, overflow) = Int64(0).subtractingReportingOverflow(number)
      if overflow {
        warnings += 1
        return .null
      }
      return .integer(result)
    case .double(let number)?: return .double(-number)
    case .timeSpan(let count, let unit)?: return .timeSpan(-count, unit)
    default: return .null
    }
  }

  private mutating func binary(
    _ op: ESQLBinaryOperator, _ lhs: ESQLCompiledExpression, _ rhs: ESQLCompiledExpression, _ row: ESQLRowView
  ) -> ESQLValue {
    switch op {
    case .and, .or:
      let left = logical(evaluate(lhs, row))
      if left == (op == .or) { return .boolean(op == .or) }
      let right = logical(evaluate(rhs, row))
      if right == (op == .or) { return .boolean(op == .or) }
      guard left != nil, right != nil else { return .null }
      return .boolean(op == .and)
    default: break
    }
    guard let left = single(evaluate(lhs, row)), let right = single(evaluate(rhs, row)) else { return .null }
    switch op {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard let order = ESQLValue.compare(left, right) else { return .null }
      switch op {
      case .equal: return .boolean(order == 0)
      case .notEqual: return .boolean(order != 0)
      case .less: return .boolean(order < 0)
      case .lessOrEqual: return .boolean(order <= 0)
      case .greater: return .boolean(order > 0)
      default: return .boolean(order >= 0)
      }
    case .equalIgnoringCase:
      guard case .string(let a) = left, case .string(let b) = right else { return .null }
      return .boolean(CaseFolding.equalIgnoringCase(a, b))
    default:
      return arithmetic(op, left, right)
    }
  }

  /// A boolean operand of AND/OR: `nil` for null (and multi-values, with a warning).
  mutating func logical(_ value: ESQLValue) -> Bool? {
    guard case .boolean(let flag)? = single(value) else { return nil }
    return flag
  }

  mutating func arithmetic(_ op: ESQLBinaryOperator, _ left: ESQLValue, _ right: ESQLValue) -> ESQLValue {
    switch (left, right) {
    case (.integer(let a), .integer(let b)):
      let result: (partialValue: Int64, overflow: Bool)
      switch op {
      case .add: result = a.addingReportingOverflow(b)
      case .subtract: result = a.subtractingReportingOverflow(b)
      case .multiply: result = a.multipliedReportingOverflow(by: b)
      case .divide, .modulo:
        if b == 0 {
          warnings += 1
          return .null
        }
        result = op == .divide ? a.dividedReportingOverflow(by: b) : a.remainderReportingOverflow(dividingBy: b)
      default: return .null
      }
      if result.overflow {
        warnings += 1
        return .null
      }
      return .integer(result.partialValue)
    case (.date(let time), .timeSpan(let count, let unit)):
      guard op == .add || op == .subtract else { return .null }
      return ESQLDates.add(op == .add ? count : -count, unit, to: time).map(ESQLValue.date) ?? .null
    case (.timeSpan(let count, let unit), .date(let time)):
      guard op == .add else { return .null }
      return ESQLDates.add(count, unit, to: time).map(ESQLValue.date) ?? .null
    default:
      guard let a = left.doubleValue, let b = right.doubleValue else { return .null }
      let result: Double
      switch op {
      case .add: result = a + b
      case .subtract: result = a - b
      case .multiply: result = a * b
      case .divide: result = a / b
      case .modulo: result = a.truncatingRemainder(dividingBy: b)
      default: return .null
      }
      guard result.isFinite else {
        warnings += 1
        return .null
      }
      return .double(result)
    }
  }
}
