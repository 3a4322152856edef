import VigilEvents
import VigilQuery
import VigilRules

/// Runs a compiled rule set the way Kibana's schedule would have run it over the events' time (replay mode), so
/// that the alerts can be compared with a real Kibana's.
///
/// Events may come in any order. Each is evaluated once against the rules that cover its index; each rule keeps
/// only the events it matches (their document, primary timestamp and the values its type needs). At ``finish(emit:)``
/// every rule's schedule is simulated, rule by rule: runs at `t_k = t_0 + k·interval` (see ``ReplayRange``), each
/// searching `[t_k + from, t_k]` by the rule's primary timestamp (`timestamp_override`, falling back per event to
/// `@timestamp` when the field is missing), with `max_signals` per run, deduplication across the overlapping runs
/// by alert id, and the per-type executors of detection-engine-semantics §2. Alerts carry the run time as
/// `@timestamp`, as Kibana's rule preview writes them.
///
/// Memory grows with the matching events (not with the input): they are kept until the end.
public final class ReplayEngine {
  public let ruleSet: CompiledRuleSet
  /// The index of events that carry none (`--index`); `nil` lets every rule see them.
  public let defaultIndex: String?
  public let range: ReplayRange
  public private(set) var statistics = ScanStatistics()
  public private(set) var replayStatistics = ReplayStatistics()
  /// Finds the rules each event matches, as stream mode does.
  private var matcher: RuleMatcher
  /// The router index behind the matcher.
  public var router: RuleRouter { matcher.router }
  /// The events some rule matched, in input order.
  private var documents: [ReplayDocument] = []
  /// Each rule's matching events, by rule position.
  private var matches: [[ReplayEvent]]

  public init(ruleSet: CompiledRuleSet, defaultIndex: String? = nil, range: ReplayRange = ReplayRange()) {
    self.ruleSet = ruleSet
    self.defaultIndex = defaultIndex
    self.range = range
    matcher = RuleMatcher(ruleSet: ruleSet)
    matches = Array(repeating: [], count: ruleSet.rules.count)
  }

  /// Evaluates one event and keeps it for the rules it matches; alerts come at ``finish(emit:)``.
  public func process(_ event: Event) {
    statistics.events += 1
    let index = matcher.index(of: event, fallback: defaultIndex)
    var document: Int?
    let matched = matcher.matches(event, index: index)
    statistics.ruleEvaluations = matcher.evaluations
    for match in matched {
      let position = Int(match.rule)
      let compiled = ruleSet.rules[position]
      guard let (time, fellBack) = Self.primaryTime(of: event, compiled.rule, override: compiled.timestampOverride)
      else {
        replayStatistics.matchesWithoutTimestamp += 1
        continue
      }
      guard let (facts, order) = self.facts(of: event, position: position, time: time) else { continue }
      if document == nil {
        document = documents.count
        documents.append(
          ReplayDocument(
            source: SourceDocument(bytes: event.bytes, index: index, documentID: event.documentID),
            eventIndex: event.index))
      }
      matches[position].append(
        ReplayEvent(document: document!, time: time, fellBack: fellBack, order: order, facts: facts))
    }
  }

  /// Simulates every rule's schedule over the events kept, calling `emit` with each alert (rule by rule, each rule's
  /// alerts in run order), then frees the events.
  public func finish(emit: (Alert) throws -> Void) rethrows {
    let decoder = EventDecoder(catalog: ruleSet.catalog)
    var output = ReplayOutput(statistics: statistics, replay: replayStatistics)
    defer {
      statistics = output.statistics
      replayStatistics = output.replay
      documents = []
    }
    for position in ruleSet.rules.indices where !matches[position].isEmpty {
      let rule = ReplayRule(ruleSet.rules[position], events: matches[position], range: range)
      matches[position] = []
      output.nextRule(rule.compiled)
      switch rule.compiled.execution {
      case .eachEvent, .threatMatch:
        try ReplayEventExecutor.run(
          rule, documents: documents, intel: ruleSet.threatIntel[position], output: &output, emit: emit)
      case .newTerms(_, let history):
        try ReplayNewTermsExecutor.run(
          rule, historySeconds: history, documents: documents, output: &output, emit: emit)
      case .threshold(_, let value, let cardinality, _):
        try ReplayThresholdExecutor.run(
          rule, value: value, cardinality: cardinality?.value, output: &output, emit: emit)
      case .sequence(let sequence, let timestampField):
        try ReplaySequenceExecutor.run(
          rule, sequence: sequence, timestampField: timestampField, documents: documents, decoder: decoder,
          output: &output, emit: emit)
      case .sample(let steps, _, _):
        try ReplaySequenceExecutor.run(
          rule, sample: steps, documents: documents, decoder: decoder, output: &output, emit: emit)
      case .esqlRows(let program), .esqlWindows(let program, _, _):
        try ReplayESQLExecutor.run(
          rule, program: program, documents: documents, decoder: decoder, output: &output, emit: emit)
      }
      try output.finishRule(emit: emit)
    }
  }

  /// What the rule at `position` needs of a matching event besides its document, and the time EQL orders it by;
  /// `nil` when the event cannot contribute (a new-terms or threshold field missing, no indicator matched).
  private func facts(of event: Event, position: Int, time: Int64) -> (ReplayFacts, order: Int64)? {
    let compiled = ruleSet.rules[position]
    switch compiled.execution {
    case .eachEvent:
      // EQL orders by its timestamp field (`@timestamp`), not by the override.
      return (.none, compiled.rule.language == .eql ? event.timestamp ?? .max : time)
    case .newTerms(let fields, _):
      let terms = ScanEngine.combinations(fields.map { event.keywordTexts($0) })
      return terms.isEmpty ? nil : (.terms(terms), time)
    case .threshold(let fields, _, let cardinality, _):
      let keys = ScanEngine.combinations(fields.map { event.keywordTexts($0) })
      guard !keys.isEmpty else { return nil }
      return (.threshold(keys: keys, cardinality: cardinality.map { event.keywordTexts($0.field) } ?? []), time)
    case .threatMatch:
      guard let intel = ruleSet.threatIntel[position] else { return nil }
      let found = intel.indicators.matches(event, fields: intel.eventFields)
      return found.isEmpty ? nil : (.threat(found), time)
    case .sequence(_, let timestampField):
      return (.none, event.timestamp(override: timestampField) ?? .max)
    case .sample:
      return (.none, event.timestamp ?? .max)
    case .esqlRows, .esqlWindows:
      return (.none, time)
    }
  }

  /// An event's primary timestamp for a rule (detection-engine-semantics §1.3): the `timestamp_override` field when
  /// present, else `@timestamp` unless the rule disables the fallback; and whether it fell back.
  static func primaryTime(of event: Event, _ rule: DetectionRule, override: FieldID?) -> (Int64, fellBack: Bool)? {
    guard let override else { return event.timestamp.map { ($0, false) } }
    if let value = event.first(override), let time = event.timestampNanoseconds(value) { return (time, false) }
    guard !rule.timestampOverrideFallbackDisabled, let time = event.timestamp else { return nil }
    return (time, true)
  }
}
