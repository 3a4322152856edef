extension ScalarOperator {
  /// `+ - * / %` on two numbers, as Elasticsearch's scripts compute them: integer operations stay integers (division
  /// truncates), a double makes the result a double. `null` when an operand is `null` or not a number, and where
  /// Elasticsearch fails the query: integer overflow and integer division by zero.
  func apply(_ lhs: ScalarValue, _ rhs: ScalarValue) -> ScalarValue {
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)):
      let result: (partialValue: Int64, overflow: Bool)
      switch self {
      case .add: result = a.addingReportingOverflow(b)
      case .subtract: result = a.subtractingReportingOverflow(b)
      case .multiply: result = a.multipliedReportingOverflow(by: b)
      case .divide:
        if b == 0 { return .null }
        result = a.dividedReportingOverflow(by: b)
      case .modulo:
        if b == 0 { return .null }
        result = a.remainderReportingOverflow(dividingBy: b)
      default: return .null
      }
      return result.overflow ? .null : .int(result.partialValue)
    default:
      guard let a = Self.double(lhs), let b = Self.double(rhs) else { return .null }
      switch self {
      case .add: return .double(a + b)
      case .subtract: return .double(a - b)
      case .multiply: return .double(a * b)
      case .divide: return .double(a / b)
      case .modulo: return .double(a.truncatingRemainder(dividingBy: b))
      default: return .null
      }
    }
  }

  private static func double(_ value: ScalarValue) -> Double? {
    switch value {
    case .int(let int): Double(int)
    case .double(let double): double
    default: nil
    }
  }
}
