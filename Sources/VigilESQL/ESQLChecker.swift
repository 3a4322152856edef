import VigilSyntax

/// Checks a parsed query the way Elasticsearch's verifier would before running it: known functions and arities,
/// aggregate and grouping functions only in `STATS`, full-text search only in `WHERE`, `*` only in `COUNT(*)`,
/// known cast types, usable DISSECT and GROK patterns, and column references after `STATS` (before it the columns
/// are the document's fields, which cannot be checked without a mapping).
public enum ESQLChecker {
  /// Where an expression sits, which decides the functions it may call.
  enum Context {
    /// WHERE (and aggregation filters): full-text search allowed.
    case filter
    /// EVAL, SORT, inputs of DISSECT/GROK/COMPLETION.
    case row
    /// A STATS aggregation: aggregate functions allowed.
    case aggregation
    /// A STATS … BY grouping: grouping functions allowed.
    case grouping
  }

  /// The errors and warnings of a query; empty when it is fine.
  public static func check(_ query: ESQLQuery) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    for command in query.commands {
      switch command.kind {
      case .from, .keep, .drop, .rename, .limit, .mvExpand:
        break
      case .where(let condition):
        _ = check(condition, .filter, insideAggregate: false, &diagnostics)
      case .eval(let assignments):
        for assignment in assignments { _ = check(assignment.expression, .row, insideAggregate: false, &diagnostics) }
      case .stats(let stats):
        let groupingNames = Set(stats.groupings.map { query.columnName(of: $0) })
        for aggregate in stats.aggregates {
          let expression = aggregate.assignment.expression
          let aggregates = check(expression, .aggregation, insideAggregate: false, &diagnostics)
          if !aggregates, !expression.fieldReferences.allSatisfy(groupingNames.contains) {
            diagnostics.append(
              .error(
                "esql.stats-needs-aggregate",
                "expected an aggregate function such as COUNT or VALUES, found '\(query.text(of: expression.range))'",
                at: expression.range))
          }
          if let filter = aggregate.filter { _ = check(filter, .filter, insideAggregate: false, &diagnostics) }
        }
        for grouping in stats.groupings {
          _ = check(grouping.expression, .grouping, insideAggregate: false, &diagnostics)
        }
      case .sort(let keys):
        for key in keys { _ = check(key.expression, .row, insideAggregate: false, &diagnostics) }
      case .dissect(let dissect):
        _ = check(dissect.input, .row, insideAggregate: false, &diagnostics)
        if dissect.keys.isEmpty {
          diagnostics.append(
            .error("esql.dissect-pattern", "the DISSECT pattern extracts no %{key}", at: dissect.patternRange))
        }
      case .grok(let grok):
        _ = check(grok.input, .row, insideAggregate: false, &diagnostics)
        if grok.fields.isEmpty {
          diagnostics.append(.error("esql.grok-pattern", "the GROK pattern extracts no field", at: grok.patternRange))
        }
        for pattern in grok.patterns {
          do {
            _ = try ESQLGrokLibrary.expand(pattern)
          } catch {
            diagnostics.append(.error("esql.grok-pattern", error.message, at: grok.patternRange))
          }
        }
      case .completion(let completion):
        _ = check(completion.prompt, .row, insideAggregate: false, &diagnostics)
        diagnostics.append(
          .warning(
            "esql.requires-inference",
            "COMPLETION calls an Elasticsearch inference endpoint; Vigil cannot run this query", at: command.range))
      }
    }
    return diagnostics + checkColumns(query)
  }

  /// Checks an expression tree; returns whether it calls an aggregate function.
  private static func check(
    _ expression: ESQLExpression, _ context: Context, insideAggregate: Bool, _ diagnostics: inout [Diagnostic]
  ) -> Bool {
    switch expression.kind {
    case .star:
      diagnostics.append(.error("esql.star", "'*' is only allowed in COUNT(*)", at: expression.range))
      return false
    case .cast(let operand, let type):
      if !ESQLFunction.castTypes.contains(type) {
        diagnostics.append(.error("esql.cast-type", "unknown type '\(type)' in '::' cast", at: expression.range))
      }
      return check(operand, context, insideAggregate: insideAggregate, &diagnostics)
    case .match:
      if context != .filter {
        diagnostics.append(
          .error("esql.full-text-placement", "the ':' match operator can only be used in WHERE", at: expression.range))
      }
    case .call(let name, let arguments, let options):
      let nameRange = expression.range.lowerBound..<(expression.range.lowerBound + name.utf8.count)
      guard let function = ESQLFunction.named(name) else {
        diagnostics.append(.error("esql.unknown-function", "unknown function \(name)", at: nameRange))
        return arguments.reduce(false) { check($1, context, insideAggregate: insideAggregate, &diagnostics) || $0 }
      }
      checkArity(function, arguments.count, at: expression.range, &diagnostics)
      if options != nil, !function.takesOptions {
        diagnostics.append(.error("esql.options", "\(name) takes no options map", at: expression.range))
      }
      var isAggregate = false
      switch function.kind {
      case .scalar: break
      case .aggregate:
        isAggregate = true
        if context != .aggregation {
          diagnostics.append(
            .error(
              "esql.aggregate-placement", "aggregate function \(name) is only allowed in STATS aggregations",
              at: nameRange))
        } else if insideAggregate {
          diagnostics.append(
            .error("esql.aggregate-placement", "aggregate function \(name) cannot be nested in another", at: nameRange))
        }
      case .grouping:
        if context != .grouping {
          diagnostics.append(
            .error("esql.grouping-placement", "grouping function \(name) is only allowed in STATS … BY", at: nameRange))
        }
      case .fullText:
        if context != .filter {
          diagnostics.append(
            .error("esql.full-text-placement", "full-text function \(name) can only be used in WHERE", at: nameRange))
        }
      }
      var found = isAggregate
      for argument in arguments {
        if case .star = argument.kind, name == "COUNT", arguments.count == 1 { continue }
        found = check(argument, context, insideAggregate: insideAggregate || isAggregate, &diagnostics) || found
      }
      return found
    default:
      break
    }
    var found = false
    for child in expression.children {
      found = check(child, context, insideAggregate: insideAggregate, &diagnostics) || found
    }
    return found
  }

  private static func checkArity(
    _ function: ESQLFunction, _ count: Int, at range: Range<Int>, _ diagnostics: inout [Diagnostic]
  ) {
    let low = function.minArguments
    if let high = function.maxArguments {
      guard count < low || count > high else { return }
      let expected =
        low == high ? "\(low) argument\(low == 1 ? "" : "s")" : "between \(low) and \(high) arguments"
      diagnostics.append(
        .error("esql.arity", "\(function.name) takes \(expected), found \(count)", at: range))
    } else if count < low {
      diagnostics.append(
        .error("esql.arity", "\(function.name) takes at least \(low) arguments, found \(count)", at: range))
    }
  }
}
