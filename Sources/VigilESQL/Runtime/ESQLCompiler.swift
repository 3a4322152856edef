import VigilEvents
import VigilQuery

/// Compiles a query's commands to stages, collecting what cannot run.
struct ESQLCompiler {
  let query: ESQLQuery
  let kql: ESQLKQLLowering?
  var matchers = ESQLMatchers()
  var unsupported: [ESQLUnsupported] = []
  /// Columns that commands so far have (re)defined, while the pre-filter is lowered.
  var computed: Set<String> = []
  /// The `EVAL` expressions of computed columns made from document fields alone, while the pre-filter lowers.
  var definitions: [String: ESQLExpression] = [:]
  /// For computed columns that are `null` unless a document condition holds (`DISSECT` keys, `COALESCE` and `CASE`
  /// columns), that condition, while the pre-filter lowers.
  var nonNullConditions: [String: Predicate] = [:]

  static let aggregateFunctions: Set<String> = [
    "COUNT", "COUNT_DISTINCT", "VALUES", "MIN", "MAX", "SUM", "AVG", "TOP", "FIRST", "LAST",
  ]

  init(query: ESQLQuery, kql: ESQLKQLLowering?) {
    self.query = query
    self.kql = kql
  }

  mutating func compileStages(fields: inout FieldResolver) -> [ESQLStage] {
    var stages: [ESQLStage] = []
    for command in query.commands {
      for expression in command.expressions { check(expression, fields: &fields) }
      // A query with constructs Vigil cannot run is not compiled further (nor its constants folded).
      guard unsupported.isEmpty else { continue }
      // The matchers the checks just compiled go into the command's expressions.
      var expressions = ESQLExpressionCompiler(matchers: matchers)
      var references = ESQLColumnReferences()
      switch command.kind {
      case .from: continue
      case .where(let condition):
        let compiled = expressions.compile(condition, &references)
        stages.append(.filter(compiled, references))
      case .eval(let assignments):
        stages.append(
          .eval(
            assignments.map { assignment in
              var references = ESQLColumnReferences()
              let expression = expressions.compile(assignment.expression, &references)
              return ESQLEvalStep(
                column: query.columnName(of: assignment), expression: expression, references: references)
            }))
      case .stats(let stats): stages.append(.stats(compileStats(stats, range: command.range, &expressions)))
      case .keep(let patterns): stages.append(.keep(patterns))
      case .drop(let patterns): stages.append(.drop(patterns))
      case .rename(let renames): stages.append(.rename(renames))
      case .sort(let keys):
        let compiled = keys.map { key in
          ESQLCompiledSortKey(
            expression: expressions.compile(key.expression, &references), ascending: key.ascending,
            nullsFirst: key.effectiveNullsFirst)
        }
        stages.append(.sort(compiled, references))
      case .limit(let count): stages.append(.limit(Int(clamping: count)))
      case .mvExpand(let pattern): stages.append(.mvExpand(pattern.text))
      case .dissect(let dissect):
        let input = expressions.compile(dissect.input, &references)
        stages.append(
          .dissect(input, references, ESQLDissectPattern(dissect.pattern, appendSeparator: dissect.appendSeparator)))
      case .grok(let grok):
        do {
          let pattern = try ESQLGrokPattern(grok)
          stages.append(.grok(expressions.compile(grok.input, &references), references, pattern))
        } catch let error as ESQLGrokLibrary.ExpansionError {
          fail("GROK", error.message, grok.patternRange)
        } catch {
          fail("GROK", "the expanded pattern is not a regular expression Vigil can run: \(error)", grok.patternRange)
        }
      case .completion:
        fail("COMPLETION", "needs an inference endpoint, which Vigil does not have", command.range)
      }
    }
    return stages
  }

  private mutating func fail(_ construct: String, _ message: String, _ range: Range<Int>) {
    unsupported.append(ESQLUnsupported(construct: construct, message: message, range: range))
  }

  /// Checks every node of an expression and compiles its patterns.
  private mutating func check(_ expression: ESQLExpression, fields: inout FieldResolver) {
    var nodes: [ESQLExpression] = []
    expression.forEachNode { nodes.append($0) }
    for node in nodes {
      switch node.kind {
      case .call(let name, let arguments, let options):
        if name == "KQL" {
          compileKQL(node, arguments, fields: &fields)
        } else if name == "MATCH" || name == "MATCH_PHRASE" {
          compileMatch(
            node, field: arguments[0], arguments.count > 1 ? arguments[1] : nil, phrase: name == "MATCH_PHRASE",
            options: options ?? [], fields: &fields)
        } else if ESQLScalarFunction(rawValue: name) == nil && !Self.aggregateFunctions.contains(name) {
          fail(name, "the function \(name) is not supported by Vigil yet", node.range)
        } else if let message = Self.arityError(name, arguments.count) {
          fail(name, message, node.range)
        } else if options != nil {
          fail(name, "function options are not supported by Vigil yet", node.range)
        } else if name == "REPLACE", arguments.count == 3, case .literal(.string(let pattern)) = arguments[1].kind {
          do {
            matchers.javaRegexes[pattern] = try ESQLJavaRegex(pattern)
          } catch {
            fail("REPLACE", "the regular expression cannot be compiled: \(error)", arguments[1].range)
          }
        }
      case .match(let field, let literal):
        compileMatch(node, field: field, ESQLExpression(.literal(literal), range: node.range), fields: &fields)
      case .cast(_, let type):
        if ESQLConversion(castType: type) == nil {
          fail("::\(type)", "casts to \(type) are not supported by Vigil", node.range)
        }
      case .like(_, let patterns, let regex, _, _):
        for pattern in patterns {
          if regex {
            do {
              matchers.luceneRegexes[pattern] = try LuceneRegex.compile(
                pattern, caseMatching: .sensitive, options: .all)
            } catch {
              fail("RLIKE", "invalid regular expression: \(error)", node.range)
            }
          } else {
            matchers.wildcards[pattern] = WildcardPattern(pattern, escaping: .backslashAny)
          }
        }
      default: break
      }
    }
  }

  private mutating func compileKQL(_ node: ESQLExpression, _ arguments: [ESQLExpression], fields: inout FieldResolver) {
    guard let kql else {
      fail("KQL", "KQL() needs the KQL front end, which was not given", node.range)
      return
    }
    guard case .literal(.string(let text))? = arguments.first?.kind, let predicate = kql(text, &fields) else {
      fail("KQL", "the KQL query is not valid", node.range)
      return
    }
    matchers.fullText[node.range.lowerBound] = PredicateProgram(predicate)
  }

  /// `MATCH(field, "query")` and `field : "query"`: a match query, by the field's type.
  private mutating func compileMatch(
    _ node: ESQLExpression, field: ESQLExpression, _ value: ESQLExpression?, phrase: Bool = false,
    options: [ESQLMapEntry] = [], fields: inout FieldResolver
  ) {
    var target = field
    if case .cast(let inner, _) = target.kind { target = inner }
    guard let name = target.fieldName, case .literal(let literal)? = value?.kind else {
      fail("MATCH", "MATCH needs a field and a constant", node.range)
      return
    }
    let text: String
    switch literal {
    case .string(let string): text = string
    case .integer(let number): text = String(number)
    case .decimal(let number): text = "\(number)"
    case .boolean(let flag): text = flag ? "true" : "false"
    default:
      fail("MATCH", "MATCH needs a constant", node.range)
      return
    }
    let binding = fields.bind(name)
    var fuzziness: String?
    for option in options {
      switch (option.key, option.value) {
      case ("fuzziness", .integer(let edits)): fuzziness = String(edits)
      case ("fuzziness", .string(let text)): fuzziness = text
      case ("max_expansions", _): continue
      default:
        fail("MATCH", "the MATCH option \(option.key) is not supported by Vigil yet", node.range)
        return
      }
    }
    if let fuzziness {
      guard binding.type?.isKeyword ?? true, !phrase else {
        fail("MATCH", "fuzzy MATCH is supported on keyword fields only", node.range)
        return
      }
      matchers.fuzzy[node.range.lowerBound] = ESQLFuzzyMatch(field: binding.id, term: text, fuzziness: fuzziness)
      return
    }
    let condition: FieldCondition
    switch binding.type {
    case .text?, .matchOnlyText?: condition = .text(TextQuery(text, mode: phrase ? .phrase : .anyToken))
    case nil:
      condition = .dynamic(DynamicMatch(keywords: ByteStringSet([text]), number: Number(text), boolean: Bool(text)))
    case let type?:
      if type.isNumeric, let number = Number(text) {
        condition = .number(.exactly(number))
      } else if type == .boolean, let flag = Bool(text) {
        condition = .boolean(flag)
      } else if type == .ip, let block = CIDRBlock(text) {
        condition = .ipIn([block])
      } else {
        condition = .keywordIn(ByteStringSet([text]))
      }
    }
    matchers.fullText[node.range.lowerBound] = PredicateProgram(
      .test(FieldTest(field: binding.id, condition: condition)))
  }

  /// A message when a function is called with a number of arguments it does not take (the checker reports it
  /// too; a query compiled unchecked must not reach rows with it).
  static func arityError(_ name: String, _ count: Int) -> String? {
    guard let function = ESQLFunction.named(name) else { return nil }
    if count >= function.minArguments, count <= function.maxArguments ?? .max { return nil }
    let range =
      function.maxArguments.map { $0 == function.minArguments ? "\($0)" : "\(function.minArguments) to \($0)" }
      ?? "at least \(function.minArguments)"
    return "\(name) takes \(range) argument(s), not \(count)"
  }

  private mutating func compileStats(
    _ stats: ESQLStats, range: Range<Int>, _ expressions: inout ESQLExpressionCompiler
  ) -> ESQLStatsPlan {
    var aggregates: [AggregateCall] = []
    var outputs: [(column: String, expression: ESQLExpression)] = []
    for aggregate in stats.aggregates {
      let expression = extractAggregates(aggregate.assignment.expression, filter: aggregate.filter, into: &aggregates)
      outputs.append((query.columnName(of: aggregate.assignment), expression))
    }
    let groupings = stats.groupings.map { (column: query.columnName(of: $0), expression: $0.expression) }
    for grouping in stats.groupings {
      grouping.expression.forEachNode { node in
        if case .call(let name, let arguments, _) = node.kind,
          name == "CATEGORIZE" || (name == "BUCKET" && arguments.count != 2)
        {
          fail(name, "\(name) is not supported by Vigil yet (BUCKET with a span is)", node.range)
        }
      }
    }
    var references = ESQLColumnReferences()
    let compiledAggregates = aggregates.map { aggregate in
      ESQLStatsPlan.Aggregate(
        function: aggregate.function, argument: aggregate.argument.map { expressions.compile($0, &references) },
        options: aggregate.options.map { expressions.compile($0, &references) },
        filter: aggregate.filter.map { expressions.compile($0, &references) })
    }
    let compiledGroupings = groupings.map {
      (column: $0.column, expression: expressions.compile($0.expression, &references))
    }
    var outputReferences = ESQLColumnReferences()
    let compiledOutputs = outputs.map {
      (column: $0.column, expression: expressions.compile($0.expression, &outputReferences))
    }
    let slotNames = aggregates.indices.map(ESQLStatsPlan.slot)
    var inputs: [Int] = []
    var inputOfState: [AggregateCall: Int] = [:]
    let inputOfAggregate = aggregates.enumerated().map { position, aggregate in
      var state = aggregate
      state.function = ESQLStatsPlan.accumulator(of: aggregate.function)
      if let known = inputOfState[state] { return known }
      inputs.append(position)
      inputOfState[state] = inputs.count - 1
      return inputs.count - 1
    }
    return ESQLStatsPlan(
      inline: stats.inline, aggregates: compiledAggregates, inputs: inputs, inputOfAggregate: inputOfAggregate,
      references: references, outputs: compiledOutputs,
      outputSlots: outputReferences.names.map { slotNames.firstIndex(of: $0) ?? -1 }, groupings: compiledGroupings)
  }

  /// Replaces each aggregate call with a reference to its slot, recording the call.
  private func extractAggregates(
    _ expression: ESQLExpression, filter: ESQLExpression?, into aggregates: inout [AggregateCall]
  ) -> ESQLExpression {
    var copy = expression
    switch expression.kind {
    case .call(let name, let arguments, _) where Self.aggregateFunctions.contains(name):
      var argument: ESQLExpression? = arguments.first
      if case .star? = argument?.kind { argument = nil }
      aggregates.append(
        AggregateCall(
          function: name, argument: argument, options: Array(arguments.dropFirst()), filter: filter))
      return ESQLExpression(.field(ESQLStatsPlan.slot(aggregates.count - 1)), range: expression.range)
    case .call(let name, let arguments, let options):
      copy.kind = .call(
        name: name, arguments: arguments.map { extractAggregates($0, filter: filter, into: &aggregates) },
        options: options)
    case .unary(let negated, let operand):
      copy.kind = .unary(negated: negated, extractAggregates(operand, filter: filter, into: &aggregates))
    case .binary(let op, let lhs, let rhs):
      copy.kind = .binary(
        op, extractAggregates(lhs, filter: filter, into: &aggregates),
        extractAggregates(rhs, filter: filter, into: &aggregates))
    case .cast(let operand, let type):
      copy.kind = .cast(extractAggregates(operand, filter: filter, into: &aggregates), type: type)
    case .not(let operand):
      copy.kind = .not(extractAggregates(operand, filter: filter, into: &aggregates))
    default: break
    }
    return copy
  }

  /// An aggregate function call of a `STATS`, before its expressions are compiled.
  private struct AggregateCall: Hashable {
    var function: String
    var argument: ESQLExpression?
    var options: [ESQLExpression]
    var filter: ESQLExpression?
  }
}
