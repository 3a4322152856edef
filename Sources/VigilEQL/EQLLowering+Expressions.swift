import VigilEvents
import VigilQuery
import VigilSyntax

extension EQLLowering {
  /// A condition Elasticsearch runs as a script: a ``ScalarExpression`` that holds when its value is `true`.
  mutating func expression(_ condition: EQLExpression) -> Predicate {
    var scalar = ScalarExpression()
    let root = emitScalar(condition, into: &scalar)
    scalar.root = root
    return .expression(scalar)
  }

  mutating func emitScalar(_ expression: EQLExpression, into scalar: inout ScalarExpression) -> Int32 {
    emit(expression, into: &scalar)
  }

  private mutating func emit(_ expression: EQLExpression, into scalar: inout ScalarExpression) -> Int32 {
    switch expression {
    case .literal(let literal, _):
      return scalar.append(.constant(Self.scalarValue(literal)))
    case .field(let field):
      let binding = fields.bind(field.name)
      return scalar.append(.field(binding.id, numeric: binding.type?.isNumeric ?? false))
    case .not(let inner, _):
      let operand = emit(inner, into: &scalar)
      return scalar.append(.not(operand))
    case .logical(let op, let left, let right, _):
      let lhs = emit(left, into: &scalar)
      let rhs = emit(right, into: &scalar)
      return scalar.append(.binary(op == .and ? .and : .or, lhs, rhs))
    case .comparison(let op, let left, let right, _):
      if op == .equal || op == .notEqual, let other = Self.nonNullSide(left, right) {
        // `x == null` tests for null; `x != null` for a value.
        let operand = emit(other, into: &scalar)
        let isNull = scalar.append(.isNull(operand))
        return op == .equal ? isNull : scalar.append(.not(isNull))
      }
      let lhs = emit(left, into: &scalar)
      let rhs = emit(right, into: &scalar)
      return scalar.append(.binary(Self.scalarOperator(op), lhs, rhs))
    case .arithmetic(let op, let left, let right, _):
      let lhs = emit(left, into: &scalar)
      let rhs = emit(right, into: &scalar)
      return scalar.append(.binary(Self.scalarOperator(op), lhs, rhs))
    case .negate(let inner, _):
      let operand = emit(inner, into: &scalar)
      return scalar.append(.negate(operand))
    case .membership(let value, let list, let caseInsensitive, let negated, _):
      let operand = emit(value, into: &scalar)
      let items = list.map { emit($0, into: &scalar) }
      let member = scalar.append(.membership(operand, items, caseInsensitive: caseInsensitive))
      return negated ? scalar.append(.not(member)) : member
    case .match(let op, let value, let constants, _):
      let operand = emit(value, into: &scalar)
      let texts = constants.compactMap { constant -> (String, Range<Int>)? in
        if case .string(let text) = constant.value { return (text, constant.range) }
        diagnostics.append(
          .error("eql.match-value", "the value of '\(op.rawValue)' must be a string", at: constant.range))
        return nil
      }
      if op.isRegex {
        let regexes = texts.compactMap { compileRegex($0.0, caseInsensitive: op.isCaseInsensitive, at: $0.1) }
        return scalar.append(.regex(operand, regexes))
      }
      return scalar.append(
        .wildcard(operand, texts.map { Self.wildcard($0.0, caseInsensitive: op.isCaseInsensitive) }))
    case .call(let call):
      if call.function == .cidrMatch, let first = call.arguments.first {
        let operand = emit(first, into: &scalar)
        let blocks = cidrBlocks(Array(call.arguments.dropFirst()))
        if blocks == nil {
          diagnostics.append(
            .error("eql.cidr", "the blocks of [cidrMatch] must be string constants", at: call.range))
        }
        return scalar.append(.cidrMatch(operand, blocks ?? []))
      }
      guard let function = ScalarFunction(rawValue: call.function.rawValue) else {
        diagnostics.append(
          .error("eql.function", "function [\(call.function.name)] is not supported", at: call.nameRange))
        return scalar.append(.constant(.null))
      }
      let arguments = call.arguments.map { emit($0, into: &scalar) }
      return scalar.append(.call(function, caseInsensitive: call.isCaseInsensitive, arguments: arguments))
    }
  }

  /// The operand that is not the `null` literal, when the other one is.
  private static func nonNullSide(_ left: EQLExpression, _ right: EQLExpression) -> EQLExpression? {
    if case .literal(.null, _) = right { return left }
    if case .literal(.null, _) = left { return right }
    return nil
  }

  static func scalarValue(_ literal: EQLLiteral) -> ScalarValue {
    switch literal {
    case .null: .null
    case .boolean(let value): .bool(value)
    case .integer(let value): .int(value)
    case .decimal(let value): .double(value)
    case .string(let value): .string(value)
    }
  }

  static func scalarOperator(_ op: EQLComparisonOperator) -> ScalarOperator {
    switch op {
    case .equal: .equal
    case .notEqual: .notEqual
    case .less: .less
    case .lessOrEqual: .lessOrEqual
    case .greater: .greater
    case .greaterOrEqual: .greaterOrEqual
    }
  }

  static func scalarOperator(_ op: EQLArithmeticOperator) -> ScalarOperator {
    switch op {
    case .add: .add
    case .subtract: .subtract
    case .multiply: .multiply
    case .divide: .divide
    case .modulo: .modulo
    }
  }
}
