import VigilSyntax

/// Checks a parsed query for what Elasticsearch rejects after parsing: function arity and argument kinds, `~` forms,
/// match values, sequence and sample shape (query count, `runs`, join key counts, missing events).
public enum EQLChecker {
  /// Elasticsearch's limit on `with runs=N`.
  public static let maximumRuns = 100

  /// All problems found, in source order.
  public static func check(_ query: EQLQuery) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    switch query.body {
    case .event(let filter):
      check(filter.condition, into: &diagnostics)
    case .sequence(let sequence):
      check(sequence, into: &diagnostics)
    case .sample(let sample):
      check(sample, into: &diagnostics)
    }
    return diagnostics.sorted { ($0.range?.lowerBound ?? 0) < ($1.range?.lowerBound ?? 0) }
  }

  static func check(_ sequence: EQLSequence, into diagnostics: inout [Diagnostic]) {
    var queryCount = 0
    for term in sequence.terms {
      check(term.filter.condition, into: &diagnostics)
      if let runs = term.runs {
        if runs < 1 || runs > maximumRuns {
          diagnostics.append(
            .error(
              "eql.runs", "runs must be between 1 and \(maximumRuns); found [\(runs)]", at: term.runsRange ?? term.range
            ))
        }
        queryCount += max(runs, 1)
      } else {
        queryCount += 1
      }
    }
    if queryCount < 2 {
      diagnostics.append(
        Diagnostic(
          id: "eql.sequence", message: "a sequence requires a minimum of 2 queries, found [\(queryCount)]",
          range: sequence.terms[0].range, notes: ["repeat a single query with `[…] with runs=N`"]))
    }
    if sequence.terms.allSatisfy(\.isMissing) {
      diagnostics.append(
        .error(
          "eql.sequence", "a sequence requires at least one positive event query (not `![…]`)", at: sequence.range))
    } else if sequence.maxspan == nil, let missing = sequence.terms.first(where: \.isMissing) {
      // Elasticsearch only looks for a missing event within maxspan of the sequence's events, and requires one
      // ("`with maxspan` is mandatory when missing event clauses are present", its EQL syntax reference).
      let message = "a sequence with missing events `![…]` requires `with maxspan=`"
      diagnostics.append(.error("eql.sequence", message, at: missing.range))
    }
    var allTerms = sequence.terms
    if let until = sequence.until {
      check(until.filter.condition, into: &diagnostics)
      if until.isMissing {
        let message = "an `until` query cannot be a missing event `![…]`"
        diagnostics.append(.error("eql.sequence", message, at: until.range))
      }
      if let range = until.runsRange {
        diagnostics.append(.error("eql.runs", "`with runs` cannot be used on an `until` query", at: range))
      }
      allTerms.append(until)
    }
    checkKeyCounts(allTerms.map { ($0.keys, $0.range) }, into: &diagnostics)
  }

  static func check(_ sample: EQLSample, into diagnostics: inout [Diagnostic]) {
    for term in sample.terms {
      check(term.filter.condition, into: &diagnostics)
    }
    if sample.terms.count < 2 {
      diagnostics.append(
        .error(
          "eql.sample", "a sample requires a minimum of 2 queries, found [\(sample.terms.count)]",
          at: sample.terms[0].range))
    }
    checkKeyCounts(sample.terms.map { ($0.keys, $0.range) }, into: &diagnostics)
  }

  /// Every subquery must add the same number of its own join keys.
  static func checkKeyCounts(_ terms: [([EQLField], Range<Int>)], into diagnostics: inout [Diagnostic]) {
    guard let expected = terms.first?.0.count else { return }
    for (keys, range) in terms.dropFirst() where keys.count != expected {
      let at = keys.isEmpty ? range : keys[0].range.lowerBound..<keys[keys.count - 1].range.upperBound
      diagnostics.append(
        .error(
          "eql.keys",
          "inconsistent number of join keys specified; expected [\(expected)] but found [\(keys.count)]", at: at))
    }
  }

  // MARK: - Expressions

  static func check(_ expression: EQLExpression, into diagnostics: inout [Diagnostic]) {
    switch expression {
    case .literal, .field:
      break
    case .not(let operand, _), .negate(let operand, _):
      check(operand, into: &diagnostics)
    case .logical(_, let left, let right, _), .comparison(_, let left, let right, _),
      .arithmetic(_, let left, let right, _):
      check(left, into: &diagnostics)
      check(right, into: &diagnostics)
    case .membership(let value, let list, _, _, _):
      check(value, into: &diagnostics)
      for item in list { check(item, into: &diagnostics) }
    case .match(let op, let value, let constants, _):
      check(value, into: &diagnostics)
      for constant in constants {
        guard case .string = constant.value else {
          diagnostics.append(
            .error(
              "eql.type", "`\(op.rawValue)` needs string values; found \(describe(constant.value))",
              at: constant.range))
          continue
        }
      }
    case .call(let call):
      check(call, into: &diagnostics)
    }
  }

  static func check(_ call: EQLFunctionCall, into diagnostics: inout [Diagnostic]) {
    let function = call.function
    for argument in call.arguments { check(argument, into: &diagnostics) }
    if call.isCaseInsensitive, !function.hasCaseInsensitiveForm {
      diagnostics.append(
        .error(
          "eql.function", "function [\(function.name)] has no case-insensitive form [\(function.name)~]",
          at: call.nameRange))
    }
    let (minimum, maximum) = function.arity
    let count = call.arguments.count
    if count < minimum || count > (maximum ?? Int.max) {
      let expected =
        switch maximum {
        case .some(let maximum) where maximum == minimum: "\(minimum)"
        case .some(let maximum): "\(minimum) to \(maximum)"
        case .none: "at least \(minimum)"
        }
      let noun = expected == "1" || expected.hasSuffix(" 1") ? "argument" : "arguments"
      diagnostics.append(
        .error(
          "eql.arity", "function [\(function.name)] takes \(expected) \(noun), found [\(count)]", at: call.range))
      return
    }
    for (index, argument) in call.arguments.enumerated() {
      let kind = function.argumentKind(at: index)
      let ordinal = ordinalName(index)
      if kind == .stringConstant {
        guard case .literal(.string, _) = argument else {
          diagnostics.append(
            .error(
              "eql.argument", "\(ordinal) argument of [\(function.name)] must be a string constant (a CIDR block)",
              at: argument.range))
          continue
        }
      }
      guard case .literal(let literal, _) = argument, literal != .null else { continue }
      let fits =
        switch (kind, literal) {
        case (.any, _): true
        case (.string, .string), (.stringConstant, .string): true
        case (.number, .integer), (.number, .decimal): true
        case (.integer, .integer): true
        case (.boolean, .boolean): true
        default: false
        }
      if !fits {
        diagnostics.append(
          .error(
            "eql.argument",
            "\(ordinal) argument of [\(function.name)] must be \(describe(kind)); found \(describe(literal))",
            at: argument.range))
      }
    }
  }

  static func ordinalName(_ index: Int) -> String {
    ["first", "second", "third", "fourth"].indices.contains(index)
      ? ["first", "second", "third", "fourth"][index] : "argument \(index + 1):"
  }

  static func describe(_ kind: EQLFunction.ArgumentKind) -> String {
    switch kind {
    case .any: "a value"
    case .string, .stringConstant: "a string"
    case .number: "a number"
    case .integer: "an integer"
    case .boolean: "a boolean"
    }
  }

  static func describe(_ literal: EQLLiteral) -> String {
    switch literal {
    case .null: "null"
    case .boolean(let value): "boolean [\(value)]"
    case .integer(let value): "integer [\(value)]"
    case .decimal(let value): "number [\(value)]"
    case .string(let value): "string [\(value)]"
    }
  }
}
