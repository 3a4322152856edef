import VigilEQL
import VigilESQL
import VigilEvents
import VigilKQL
import VigilQuery
import VigilRules

/// Every rule of a scan, compiled once before the first event: runnable rules with their programs, the rules
/// skipped and why, and the one field catalog the decoder reads.
public struct CompiledRuleSet: Sendable {
  public private(set) var rules: [CompiledRule] = []
  public private(set) var skipped: [SkippedRule] = []
  /// The indicator selection and indicators of each `threat_match` rule, by its position in ``rules``.
  public private(set) var threatIntel: [Int: ThreatIntel] = [:]
  /// Every field a compiled rule reads, plus the fields the engine itself needs.
  public let catalog: FieldCatalog
  /// The predicates of ``rules`` compiled together, by rule position: what the engine evaluates.
  public let programs: RuleProgramSet
  /// The fields that name an event's data stream, for its index.
  let dataStreamFields: (type: FieldID, dataset: FieldID, namespace: FieldID)

  /// Compiles the rules of loaded files; files with errors and rules this build cannot run are skipped.
  ///
  /// - Parameters:
  ///   - exceptions: exception items; each rule leaves out events that the items of its `exceptions_list`, or items
  ///     belonging to no list, match.
  ///   - now: the time against which exception items expire and threat queries' date math resolves, nanoseconds.
  ///   - hasThreatIndicators: whether indicators will be loaded; without them `threat_match` rules are skipped.
  public init(
    files: [RuleFile], exceptions: ExceptionSet = ExceptionSet(), now: Int64 = 0, hasThreatIndicators: Bool = false
  ) {
    var fields = FieldResolver()
    dataStreamFields = (
      fields.bind("data_stream.type").id, fields.bind("data_stream.dataset").id, fields.bind("data_stream.namespace").id
    )
    for file in files {
      guard let rule = file.rule, !file.hasErrors else {
        skipped.append(SkippedRule(path: file.path, rule: file.rule, reason: "has errors"))
        continue
      }
      if let reason = RuleSupport.of(rule).reason {
        skipped.append(SkippedRule(path: file.path, rule: rule, reason: reason))
        continue
      }
      if rule.type == .threatMatch, !hasThreatIndicators {
        skipped.append(SkippedRule(path: file.path, rule: rule, reason: "needs threat indicators (--threat FILE)"))
        continue
      }
      let items = exceptions.items(forLists: rule.exceptionsList.map { ($0.listID, $0.namespaceType) })
      if rule.type == .threatMatch {
        switch ThreatIntel.compile(rule, exceptions: items, now: now, fields: &fields) {
        case .success(let intel): threatIntel[rules.count] = intel
        case .failure(let reason):
          skipped.append(SkippedRule(path: file.path, rule: rule, reason: reason.message))
          continue
        }
      }
      switch Self.predicate(of: rule, exceptions: items, now: now, fields: &fields) {
      case .success(let (predicate, plan)):
        var execution = Self.execution(of: rule, fields: &fields)
        var indexPatterns = IndexPatterns(rule.index)
        switch plan {
        case .sequence(let sequence):
          execution = .sequence(sequence, timestampField: rule.timestampField.map { fields.bind($0).id })
        case .esql(let program):
          execution =
            program.isAggregating
            ? .esqlWindows(
              program, intervalSeconds: rule.schedule.interval.seconds,
              lookbackSeconds: -rule.schedule.from.offsetSeconds)
            : .esqlRows(program)
          indexPatterns = IndexPatterns(program.sourcePatterns)
        case nil:
          break
        }
        rules.append(
          CompiledRule(
            rule: rule, predicate: PredicateProgram(predicate), indexPatterns: indexPatterns,
            alertFields: RuleAlertFields(rule), execution: execution,
            timestampOverride: rule.timestampOverride.map { fields.bind($0).id }))
      case .failure(let reason):
        skipped.append(SkippedRule(path: file.path, rule: rule, reason: reason.message))
      }
    }
    catalog = fields.catalog
    programs = RuleProgramSet(rules.map(\.predicate.predicate))
  }

  struct CompileFailure: Error {
    var message: String
  }

  /// The rule's query ANDed with its filters and with NOT its exceptions, and for an EQL sequence its lowered form
  /// (the predicate then selects the events of any step).
  static func predicate(
    of rule: DetectionRule, exceptions: [ExceptionItem], now: Int64, fields: inout FieldResolver
  ) -> Result<(Predicate, QueryPlan?), CompileFailure> {
    var parts: [Predicate] = []
    var plan: QueryPlan?
    if let query = rule.query, rule.language == .kuery {
      guard let parsed = KQLParser.parse(query).query else { return .failure(.init(message: "query has errors")) }
      let lowered = KQLLowering.lower(parsed, fields: &fields)
      if lowered.diagnostics.hasErrors { return .failure(.init(message: "query has errors")) }
      parts.append(lowered.predicate)
    }
    if let query = rule.query, rule.language == .eql {
      guard let parsed = EQLParser.parse(query).validQuery else { return .failure(.init(message: "query has errors")) }
      let lowered = EQLLowering.lower(
        parsed, fields: &fields, eventCategoryField: rule.eventCategoryOverride ?? "event.category")
      if lowered.diagnostics.hasErrors { return .failure(.init(message: "query has errors")) }
      switch lowered.body {
      case .event(let predicate):
        parts.append(predicate)
      case .sequence(let lowered):
        if let reason = EQLSequenceMatcher.unsupportedReason(lowered) { return .failure(.init(message: reason)) }
        plan = .sequence(lowered)
        parts.append(.or(lowered.steps.map(\.predicate) + (lowered.until.map { [$0.predicate] } ?? [])))
      case .sample:
        return .failure(.init(message: "EQL sample queries are not run by scan yet"))
      }
    }
    if let query = rule.query, rule.language == .esql {
      guard let parsed = ESQLParser.parse(query).query else { return .failure(.init(message: "query has errors")) }
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

  /// Offers an indicator document to every `threat_match` rule.
  public mutating func addIndicator(_ event: Event, index: String?) {
    for position in threatIntel.keys { threatIntel[position]!.consider(event, index: index) }
  }

  /// The index of a document: its `_index`, else its data stream name, else `fallback`.
  public func index(of event: Event, fallback: String?) -> String? {
    if let index = event.index { return index }
    if let type = event.string(dataStreamFields.type), let dataset = event.string(dataStreamFields.dataset),
      let namespace = event.string(dataStreamFields.namespace)
    {
      return "\(type)-\(dataset)-\(namespace)"
    }
    return fallback
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

  /// Number of rules skipped for each reason, most frequent first.
  public var skippedReasons: [(reason: String, count: Int)] {
    Dictionary(grouping: skipped, by: \.reason).map { ($0.key, $0.value.count) }
      .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
  }
}
