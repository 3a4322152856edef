import VigilEvents

extension ScalarExpression {
  /// The expression's value for `event`, each field taking its first value (`null` when it has none).
  public func evaluate(_ event: Event) -> ScalarValue {
    let choice = references.indices.map { position -> ScalarValue in
      let numeric = referenceIsNumeric[position]
      for value in event.values(references[position]) where !value.isNull {
        return Self.scalar(value, numeric: numeric, in: event)
      }
      return .null
    }
    return value(of: root, event, choice)
  }

  /// Whether the expression is `true` for some choice of one value for each field reference (`null` for a field
  /// without values), trying at most ``maximumCombinations`` choices. `null` and `false` both fail a filter.
  public func holds(in event: Event) -> Bool {
    var choice = [ScalarValue](repeating: .null, count: references.count)
    var budget = Self.maximumCombinations
    return holds(from: 0, event, &choice, &budget)
  }

  private func holds(from position: Int, _ event: Event, _ choice: inout [ScalarValue], _ budget: inout Int) -> Bool {
    if position == references.count {
      budget -= 1
      if case .bool(true) = value(of: root, event, choice) { return true }
      return false
    }
    let numeric = referenceIsNumeric[position]
    var tried = false
    for value in event.values(references[position]) where !value.isNull {
      if budget <= 0 { return false }
      tried = true
      choice[position] = Self.scalar(value, numeric: numeric, in: event)
      if holds(from: position + 1, event, &choice, &budget) { return true }
    }
    if tried { return false }
    choice[position] = .null
    return holds(from: position + 1, event, &choice, &budget)
  }

  private func value(of index: Int32, _ event: Event, _ choice: [ScalarValue]) -> ScalarValue {
    switch nodes[Int(index)] {
    case .constant(let constant):
      return constant
    case .field:
      return choice[Int(referenceOfNode[Int(index)])]
    case .binary(let op, let left, let right):
      return binary(op, left, right, event, choice)
    case .negate(let operand):
      switch value(of: operand, event, choice) {
      case .int(let int): return int == .min ? .null : .int(-int)
      case .double(let double): return .double(-double)
      default: return .null
      }
    case .not(let operand):
      guard case .bool(let bool) = value(of: operand, event, choice) else { return .null }
      return .bool(!bool)
    case .isNull(let operand):
      return .bool(value(of: operand, event, choice).isNull)
    case .membership(let operand, let list, let caseInsensitive):
      let needle = value(of: operand, event, choice)
      if needle.isNull { return .null }
      for item in list
      where Self.equals(needle, value(of: item, event, choice), caseInsensitive: caseInsensitive) == true {
        return .bool(true)
      }
      return .bool(false)
    case .wildcard(let operand, let patterns):
      guard case .string(let text) = value(of: operand, event, choice) else { return .null }
      return .bool(patterns.contains { $0.matches(text) })
    case .regex(let operand, let regexes):
      guard case .string(let text) = value(of: operand, event, choice) else { return .null }
      return .bool(regexes.contains { $0.matches(text) })
    case .cidrMatch(let operand, let blocks):
      guard case .string(let text) = value(of: operand, event, choice) else { return .null }
      guard let address = IPAddress(text) else { return .bool(false) }
      return .bool(blocks.contains { $0.contains(address) })
    case .call(let function, let caseInsensitive, let arguments):
      var values: [ScalarValue] = []
      values.reserveCapacity(arguments.count)
      for argument in arguments { values.append(value(of: argument, event, choice)) }
      return function.evaluate(values, caseInsensitive: caseInsensitive)
    }
  }

  private func binary(
    _ op: ScalarOperator, _ left: Int32, _ right: Int32, _ event: Event, _ choice: [ScalarValue]
  ) -> ScalarValue {
    switch op {
    case .and:
      let lhs = value(of: left, event, choice)
      if case .bool(false) = lhs { return .bool(false) }
      let rhs = value(of: right, event, choice)
      if case .bool(false) = rhs { return .bool(false) }
      if case .bool(true) = lhs, case .bool(true) = rhs { return .bool(true) }
      return .null
    case .or:
      let lhs = value(of: left, event, choice)
      if case .bool(true) = lhs { return .bool(true) }
      let rhs = value(of: right, event, choice)
      if case .bool(true) = rhs { return .bool(true) }
      if case .bool(false) = lhs, case .bool(false) = rhs { return .bool(false) }
      return .null
    case .equal, .notEqual:
      guard
        let equal = Self.equals(value(of: left, event, choice), value(of: right, event, choice), caseInsensitive: false)
      else {
        return .null
      }
      return .bool(op == .equal ? equal : !equal)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard let order = Self.compare(value(of: left, event, choice), value(of: right, event, choice)) else {
        return .null
      }
      switch op {
      case .less: return .bool(order < 0)
      case .lessOrEqual: return .bool(order <= 0)
      case .greater: return .bool(order > 0)
      default: return .bool(order >= 0)
      }
    case .add, .subtract, .multiply, .divide, .modulo:
      return op.apply(value(of: left, event, choice), value(of: right, event, choice))
    }
  }

  /// `nil` when either side is `null` or the two cannot be compared.
  static func equals(_ lhs: ScalarValue, _ rhs: ScalarValue, caseInsensitive: Bool) -> Bool? {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)):
      return caseInsensitive ? CaseFolding.equalIgnoringCase(a, b) : a == b
    case (.bool(let a), .bool(let b)):
      return a == b
    default:
      guard let a = lhs.number, let b = rhs.number else { return nil }
      return a == b
    }
  }

  /// -1, 0 or 1; `nil` when either side is `null` or the two cannot be ordered. Strings order by UTF-8 bytes.
  static func compare(_ lhs: ScalarValue, _ rhs: ScalarValue) -> Int? {
    switch (lhs, rhs) {
    case (.string(let a), .string(let b)):
      if a == b { return 0 }
      return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    case (.bool(let a), .bool(let b)):
      return a == b ? 0 : (!a ? -1 : 1)
    default:
      guard let a = lhs.number, let b = rhs.number else { return nil }
      return a == b ? 0 : a < b ? -1 : 1
    }
  }

  static func scalar(_ value: Value, numeric: Bool, in event: Event) -> ScalarValue {
    switch value {
    case .null, .object: return .null
    case .bool(let bool): return .bool(bool)
    case .int(let int): return .int(int)
    case .double(let double): return .double(double)
    case .number(let span):
      return Number(String(decoding: event.bytes(span), as: UTF8.self)).map(ScalarValue.init) ?? .null
    case .string(let span):
      let text = String(decoding: event.bytes(span), as: UTF8.self)
      if numeric { return Number(text).map(ScalarValue.init) ?? .null }
      return .string(text)
    }
  }
}

extension ScalarValue {
  /// A number as a scalar value.
  public init(_ number: Number) {
    switch number {
    case .int(let int): self = .int(int)
    case .double(let double): self = .double(double)
    }
  }
}
