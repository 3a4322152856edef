/// Folds constant sub-expressions at compile time: a node whose operands are all literals is evaluated once and
/// replaced by its value (`SPACE(100)`, `"a" + …`), so that rows do not recompute it.
///
/// Only pure nodes fold: never `NOW()`, full-text functions or aggregates, and never a node whose evaluation warns
/// (rows must keep raising the warning) or whose value has no literal form (dates, IPs).
struct ESQLConstantFolding {
  var evaluator: ESQLEvaluator

  init(matchers: ESQLMatchers) {
    evaluator = ESQLEvaluator(matchers: matchers, now: 0)
  }

  /// Function calls whose value depends on more than their arguments.
  private static let impure: Set<String> = ["NOW", "KQL", "MATCH", "MATCH_PHRASE"]

  mutating func fold(_ stage: ESQLStage) -> ESQLStage {
    switch stage {
    case .filter(let condition): return .filter(fold(condition))
    case .eval(let assignments): return .eval(assignments.map { ($0.column, fold($0.expression)) })
    case .stats(var plan):
      for index in plan.aggregates.indices {
        plan.aggregates[index].argument = plan.aggregates[index].argument.map { fold($0) }
        plan.aggregates[index].filter = plan.aggregates[index].filter.map { fold($0) }
      }
      plan.outputs = plan.outputs.map { ($0.column, fold($0.expression)) }
      plan.groupings = plan.groupings.map { ($0.column, fold($0.expression)) }
      return .stats(plan)
    case .sort(let keys):
      return .sort(
        keys.map { key in
          var key = key
          key.expression = fold(key.expression)
          return key
        })
    case .dissect(let input, let pattern): return .dissect(fold(input), pattern)
    case .grok(let input, let pattern): return .grok(fold(input), pattern)
    case .keep, .drop, .rename, .limit, .mvExpand: return stage
    }
  }

  /// The expression with its constant sub-expressions replaced by literals.
  mutating func fold(_ expression: ESQLExpression) -> ESQLExpression {
    var node = expression
    switch expression.kind {
    case .literal, .field, .star, .match:
      return expression
    case .call(let name, let arguments, let options):
      node.kind = .call(name: name, arguments: arguments.map { fold($0) }, options: options)
      guard options == nil, !Self.impure.contains(name), !ESQLCompiler.aggregateFunctions.contains(name) else {
        return node
      }
    case .unary(let negated, let operand): node.kind = .unary(negated: negated, fold(operand))
    case .binary(let op, let lhs, let rhs): node.kind = .binary(op, fold(lhs), fold(rhs))
    case .not(let operand): node.kind = .not(fold(operand))
    case .cast(let operand, let type): node.kind = .cast(fold(operand), type: type)
    case .like(let operand, let patterns, let regex, let negated, let list):
      node.kind = .like(fold(operand), patterns: patterns, regex: regex, negated: negated, list: list)
    case .isIn(let operand, let items, let negated):
      node.kind = .isIn(fold(operand), items.map { fold($0) }, negated: negated)
    case .isNull(let operand, let negated): node.kind = .isNull(fold(operand), negated: negated)
    }
    guard node.children.allSatisfy(\.isLiteral) else { return node }
    let warnings = evaluator.warnings
    let value = evaluator.evaluate(node, ESQLRow())
    guard evaluator.warnings == warnings, let literal = Self.literal(value) else { return node }
    return ESQLExpression(.literal(literal), range: expression.range)
  }

  /// The literal that evaluates to `value`, when there is one.
  static func literal(_ value: ESQLValue) -> ESQLLiteral? {
    switch value {
    case .null: return .null
    case .boolean(let flag): return .boolean(flag)
    case .integer(let number): return .integer(number)
    case .double(let number): return .decimal(number)
    case .string(let text): return .string(text)
    case .timeSpan(let count, let unit): return .timeSpan(count, unit)
    case .multi(let values):
      var items: [ESQLLiteral] = []
      for value in values {
        guard let item = literal(value) else { return nil }
        items.append(item)
      }
      return .list(items)
    case .date, .ip, .geoPoint, .source: return nil
    }
  }
}

extension ESQLExpression {
  fileprivate var isLiteral: Bool { if case .literal = kind { true } else { false } }
}
