import VigilEQL
import VigilESQL
import VigilEvents
import VigilKQL
import VigilQuery
import VigilRules
import VigilSyntax

/// What compiling one rule needs to know beyond the rule.
struct RuleLoweringContext: Sendable {
  var exceptions: ExceptionSet
  var now: Int64
  var hasThreatIndicators: Bool
}

/// One rule lowered against a field resolver: a ``CompiledRule`` but for its predicate's program.
struct LoweredRule: Sendable {
  var rule: DetectionRule
  var predicate: Predicate
  var indexPatterns: IndexPatterns
  var execution: RuleExecution
  var timestampOverride: FieldID?
  var threatIntel: ThreatIntel?
}

/// A rule file's compilation up to its predicate's program.
enum RuleLowering: Sendable {
  case lowered(LoweredRule)
  case skipped(SkippedRule)
}

extension CompiledRuleSet {
  /// One rule file lowered, or why it does not run. Binds the rule's fields in `fields` in a fixed order, whatever
  /// `fields` already holds, so that files lowered one after the other give the same field ids as always.
  ///
  /// - Parameter query: the rule's parsed query; parsed here when `nil` (and left for the next lowering).
  static func lower(
    _ file: RuleFile, query: inout ParsedRuleQuery?, in context: RuleLoweringContext, fields: inout FieldResolver
  ) -> RuleLowering {
    guard let rule = file.rule, !file.hasErrors else {
      return .skipped(SkippedRule(path: file.path, rule: file.rule, reason: "has errors"))
    }
    if let reason = RuleSupport.of(rule).reason {
      return .skipped(SkippedRule(path: file.path, rule: rule, reason: reason))
    }
    if rule.type == .threatMatch, !context.hasThreatIndicators {
      return .skipped(SkippedRule(path: file.path, rule: rule, reason: "needs threat indicators (--threat FILE)"))
    }
    let now = context.now
    let items = context.exceptions.items(forLists: rule.exceptionsList.map { ($0.listID, $0.namespaceType) })
    var threatIntel: ThreatIntel?
    if rule.type == .threatMatch {
      switch ThreatIntel.compile(rule, exceptions: items, now: now, fields: &fields) {
      case .success(let intel): threatIntel = intel
      case .failure(let reason): return .skipped(SkippedRule(path: file.path, rule: rule, reason: reason.message))
      }
    }
    let predicate: Predicate
    let plan: QueryPlan?
    let parsed = query ?? ParsedRuleQuery(rule)
    query = parsed
    switch Self.predicate(of: rule, query: parsed, exceptions: items, now: now, fields: &fields) {
    case .success(let lowered): (predicate, plan) = lowered
    case .failure(let reason): return .skipped(SkippedRule(path: file.path, rule: rule, reason: reason.message))
    }
    var execution = Self.execution(of: rule, fields: &fields)
    var indexPatterns = IndexPatterns(rule.index)
    switch plan {
    case .sequence(let sequence):
      execution = .sequence(sequence, timestampField: rule.timestampField.map { fields.bind($0).id })
    case .sample(let steps):
      execution = .sample(
        steps, intervalSeconds: rule.schedule.interval.seconds, lookbackSeconds: -rule.schedule.from.offsetSeconds)
    case .esql(let program):
      execution =
        program.isAggregating
        ? .esqlWindows(
          program, intervalSeconds: rule.schedule.interval.seconds, lookbackSeconds: -rule.schedule.from.offsetSeconds)
        : .esqlRows(program)
      indexPatterns = IndexPatterns(program.sourcePatterns)
    case nil:
      break
    }
    return .lowered(
      LoweredRule(
        rule: rule, predicate: predicate, indexPatterns: indexPatterns, execution: execution,
        timestampOverride: rule.timestampOverride.map { fields.bind($0).id }, threatIntel: threatIntel))
  }

  struct CompileFailure: Error {
    var message: String

    /// The query's first error, from the diagnostics of its lowering.
    static func query(_ diagnostics: [Diagnostic]) -> CompileFailure {
      CompileFailure(
        message: diagnostics.first { $0.severity == .error }.map { "query: \($0.message)" } ?? "query has errors")
    }
  }

  /// The rule's query ANDed with its filters and with NOT its exceptions, and for an EQL sequence its lowered form
  /// (the predicate then selects the events of any step).
  static func predicate(
    of rule: DetectionRule, query: ParsedRuleQuery, exceptions: [ExceptionItem], now: Int64,
    fields: inout FieldResolver
  ) -> Result<(Predicate, QueryPlan?), CompileFailure> {
    var parts: [Predicate] = []
    var plan: QueryPlan?
    if case .kuery(let parsed) = query {
      guard let parsed else { return .failure(.init(message: "query has errors")) }
      let lowered = KQLLowering.lower(parsed, fields: &fields, now: now)
      if lowered.diagnostics.hasErrors { return .failure(.query(lowered.diagnostics)) }
      parts.append(lowered.predicate)
    }
    if case .lucene(let parsed) = query {
      guard let parsed else { return .failure(.init(message: "query has errors")) }
      let lowered = LuceneLowering.lower(parsed, fields: &fields, now: now)
      if lowered.diagnostics.hasErrors { return .failure(.query(lowered.diagnostics)) }
      parts.append(lowered.predicate)
    }
    if case .eql(let parsed) = query {
      guard let parsed else { return .failure(.init(message: "query has errors")) }
      let lowered = EQLLowering.lower(
        parsed, fields: &fields, eventCategoryField: rule.eventCategoryOverride ?? "event.category")
      if lowered.diagnostics.hasErrors { return .failure(.query(lowered.diagnostics)) }
      switch lowered.body {
      case .event(let predicate):
        parts.append(predicate)
      case .sequence(let lowered):
        if let reason = EQLSequenceMatcher.unsupportedReason(lowered) { return .failure(.init(message: reason)) }
        if EQLSequenceMatcher.stepPredicates(of: lowered).count > RuleMatch.maximumSteps {
          return .failure(.init(message: "a sequence of more than \(RuleMatch.maximumSteps) steps is not run by scan"))
        }
        plan = .sequence(lowered)
        parts.append(.or(lowered.steps.map(\.predicate) + (lowered.until.map { [$0.predicate] } ?? [])))
      case .sample(let steps):
        if steps.count > RuleMatch.maximumSteps {
          return .failure(
            .init(message: "a sample of more than \(RuleMatch.maximumSteps) subqueries is not run by scan"))
        }
        plan = .sample(steps)
        parts.append(.or(steps.map(\.predicate)))
      }
    }
    if case .esql(let parsed) = query {
      guard let parsed else { return .failure(.init(message: "query has errors")) }
      if parsed.requiresInference { return .failure(.init(message: "needs an inference endpoint (COMPLETION)")) }
      let compiled = ESQLProgram.compile(parsed, fields: &fields, kql: Self.kqlForESQL(now: now))
      guard let program = compiled.program else {
        return .failure(.init(message: compiled.unsupported.first?.message ?? "query cannot run"))
      }
      plan = .esql(program)
      parts.append(program.sourcePredicate)
    }
    let filters = KibanaFilterLowering.lower(rule.filters, fields: &fields)
    if filters.diagnostics.hasErrors { return .failure(.init(message: "filters have errors")) }
    parts.append(filters.predicate)
    let excepted = ExceptionLowering.lower(exceptions, now: now, fields: &fields)
    if excepted.diagnostics.hasErrors {
      return .failure(.init(message: excepted.diagnostics.first { $0.severity == .error }!.message))
    }
    parts.append(.not(excepted.predicate))
    return .success((.and(parts), plan))
  }

  /// How a rule's query runs beyond its predicate.
  enum QueryPlan {
    case sequence(EQLLoweredSequence)
    case sample([EQLLoweredStep])
    case esql(ESQLProgram)
  }

  /// How ES|QL's `KQL("…")` function lowers its query.
  static func kqlForESQL(now: Int64) -> ESQLKQLLowering {
    { query, fields in
      guard let parsed = KQLParser.parse(query).query else { return nil }
      let lowered = KQLLowering.lower(parsed, fields: &fields, now: now)
      return lowered.diagnostics.hasErrors ? nil : lowered.predicate
    }
  }

  static func execution(of rule: DetectionRule, fields: inout FieldResolver) -> RuleExecution {
    if rule.type == .threatMatch { return .threatMatch }
    if let newTerms = rule.newTerms {
      return .newTerms(
        fields: newTerms.fields.map { fields.bind($0).id }, historySeconds: -newTerms.historyWindowStart.offsetSeconds)
    }
    if let threshold = rule.threshold {
      let cardinality = threshold.cardinality.first.map { (field: fields.bind($0.field).id, value: $0.value) }
      return .threshold(
        fields: threshold.fields.map { fields.bind($0).id }, value: threshold.value, cardinality: cardinality,
        windowSeconds: -rule.schedule.from.offsetSeconds)
    }
    return .eachEvent
  }

}
