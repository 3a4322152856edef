import VigilQuery

/// Compiles expressions to ``ESQLCompiledExpression``: literals become values, functions, casts and patterns are
/// resolved, columns are numbered in the given ``ESQLColumnReferences``, and constant sub-expressions are folded.
///
/// A node folds when all its operands are constants, unless its value depends on more than them (`NOW()`, full-text
/// conditions) or its evaluation warns (rows must keep raising the warning).
struct ESQLExpressionCompiler {
  let matchers: ESQLMatchers
  private var folder: ESQLEvaluator

  init(matchers: ESQLMatchers) {
    self.matchers = matchers
    folder = ESQLEvaluator(matchers: matchers, now: 0)
  }

  /// The compiled form of `expression`. Constructs the query compiler reports unsupported (unknown functions and
  /// cast types) compile to `null`: such a query never runs.
  mutating func compile(_ expression: ESQLExpression, _ references: inout ESQLColumnReferences)
    -> ESQLCompiledExpression
  {
    let node: ESQLCompiledExpression
    switch expression.kind {
    case .literal(let literal): return .constant(Self.value(of: literal))
    case .field(let name): return .column(references.number(name))
    case .star: return .constant(.boolean(true))
    case .match: return .fullText(matchers.fullTextCondition(at: expression.range))
    case .unary(let negated, let operand): node = .unary(negated: negated, compile(operand, &references))
    case .not(let operand): node = .not(compile(operand, &references))
    case .binary(let op, let lhs, let rhs): node = .binary(op, compile(lhs, &references), compile(rhs, &references))
    case .cast(let operand, let type):
      guard let conversion = ESQLConversion(castType: type) else { return .constant(.null) }
      node = .convert(compile(operand, &references), conversion)
    case .like(let operand, let patterns, let regex, let negated, _):
      node = .like(
        compile(operand, &references), patterns.map { matchers.textMatcher($0, regex: regex) }, negated: negated)
    case .isIn(let operand, let items, let negated):
      let compiled = items.map { compile($0, &references) }
      node = .isIn(compile(operand, &references), compiled, strings: Self.strings(compiled), negated: negated)
    case .isNull(let operand, let negated): node = .isNull(compile(operand, &references), negated: negated)
    case .call(let name, let arguments, _):
      guard let function = ESQLScalarFunction(rawValue: name) else { return .constant(.null) }
      if function.isFullText { return .fullText(matchers.fullTextCondition(at: expression.range)) }
      let compiled = arguments.map { compile($0, &references) }
      if let conversion = function.conversion {
        node = .convert(compiled[0], conversion)
      } else if function == .case_, let table = ESQLCaseTable(compiled) {
        node = .caseTable(table, compiled)
      } else if function == .cidrMatch, let blocks = Self.cidrBlocks(compiled.dropFirst()) {
        node = .cidrMatch(compiled[0], blocks: blocks)
      } else {
        node = .call(function, compiled)
      }
      if function == .now { return node }
    }
    return folded(node)
  }

  /// The node's value when its operands are constants and evaluating it raises no warning, else the node.
  private mutating func folded(_ node: ESQLCompiledExpression) -> ESQLCompiledExpression {
    guard node.children.allSatisfy(\.isConstant) else { return node }
    let warnings = folder.warnings
    let value = folder.evaluate(node, ESQLRowView(values: [], slots: []))
    return folder.warnings == warnings ? .constant(value) : node
  }

  /// The items of an `IN` as a set, when they are all constant strings and enough of them that hashing the operand
  /// once beats comparing it with each. A set of values finds strings equal by their bytes, as
  /// ``ESQLValue/compare(_:_:)`` does: a string operand equals an item exactly when the set holds it.
  static func strings(_ items: [ESQLCompiledExpression]) -> Set<ESQLValue>? {
    guard items.count >= 4 else { return nil }
    var strings = Set<ESQLValue>()
    for item in items {
      guard case .constant(let value) = item, case .string = value else { return nil }
      strings.insert(value)
    }
    return strings
  }

  /// The blocks of a `CIDR_MATCH`, when its block arguments are constants; those that are not strings of a block
  /// are left out, as the function skips them.
  static func cidrBlocks(_ arguments: ArraySlice<ESQLCompiledExpression>) -> [CIDRBlock]? {
    var constants: [ESQLValue] = []
    for argument in arguments {
      guard case .constant(let value) = argument else { return nil }
      constants.append(value)
    }
    return constants.isEmpty ? nil : CIDRBlock.blocks(in: constants)
  }

  static func value(of literal: ESQLLiteral) -> ESQLValue {
    switch literal {
    case .null: .null
    case .boolean(let flag): .boolean(flag)
    case .integer(let number): .integer(number)
    case .decimal(let number): .double(number)
    case .string(let text): .string(text)
    case .timeSpan(let count, let unit): .timeSpan(count, unit)
    case .list(let items): .list(items.map(value(of:)))
    }
  }
}
