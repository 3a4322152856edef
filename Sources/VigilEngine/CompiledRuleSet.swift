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
  /// The predicates of ``rules`` compiled together, by rule position, followed by the steps of EQL sequences and the
  /// subqueries of EQL samples: what the engine evaluates.
  public let programs: RuleProgramSet
  /// For each rule, by position, the roots in ``programs`` of its EQL sequence's steps
  /// (``EQLSequenceMatcher/stepPredicates(of:)``) or its EQL sample's subqueries, empty for other rules. A scan
  /// evaluates them right after the rule's predicate, sharing its test results, and hands them to the rule's
  /// sequence or sample matcher.
  public let stepRoots: [Range<Int>]
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
    self.init(
      checked: files.map(CheckedRuleFile.init(file:)), exceptions: exceptions, now: now,
      hasThreatIndicators: hasThreatIndicators)
  }

  /// Compiles the rules of files that ``RuleCheck`` checked, reusing the queries it parsed; otherwise as
  /// ``init(files:exceptions:now:hasThreatIndicators:)``.
  public init(
    checked files: [CheckedRuleFile], exceptions: ExceptionSet = ExceptionSet(), now: Int64 = 0,
    hasThreatIndicators: Bool = false
  ) {
    let context = RuleLoweringContext(exceptions: exceptions, now: now, hasThreatIndicators: hasThreatIndicators)
    var fields = FieldResolver()
    dataStreamFields = (
      fields.bind("data_stream.type").id, fields.bind("data_stream.dataset").id, fields.bind("data_stream.namespace").id
    )
    let compiled = Self.compile(files, in: context, fields: fields)
    for outcome in compiled.outcomes {
      switch outcome {
      case .compiled(let rule, let intel):
        if let intel { threatIntel[rules.count] = intel }
        rules.append(rule)
      case .skipped(let rule):
        skipped.append(rule)
      }
    }
    catalog = compiled.catalog
    var predicates = rules.map(\.predicate)
    let stepLists = rules.concurrentMap { compiled -> [Predicate] in
      switch compiled.execution {
      case .sequence(let sequence, _): return EQLSequenceMatcher.stepPredicates(of: sequence).map { $0.simplified() }
      case .sample(let steps, _, _): return steps.map { $0.predicate.simplified() }
      default: return []
      }
    }
    stepRoots = stepLists.map { steps in
      guard !steps.isEmpty else { return 0..<0 }
      predicates += steps
      return predicates.count - steps.count..<predicates.count
    }
    programs = RuleProgramSet(predicates)
  }

  /// Offers an indicator document to every `threat_match` rule.
  public mutating func addIndicator(_ event: Event, index: String?) {
    for position in threatIntel.keys { threatIntel[position]!.consider(event, index: index) }
  }

  /// The index of a document: its `_index`, else its data stream name, else `fallback`.
  public func index(of event: Event, fallback: String?) -> String? {
    var names = DataStreamNames()
    return index(of: event, fallback: fallback, names: &names)
  }

  /// ``index(of:fallback:)``, with the data stream names met before kept in `names` rather than made again.
  public func index(of event: Event, fallback: String?, names: inout DataStreamNames) -> String? {
    if let index = event.index { return index }
    return names.name(of: event, fields: dataStreamFields) ?? fallback
  }

  /// Number of rules skipped for each reason, most frequent first.
  public var skippedReasons: [(reason: String, count: Int)] {
    Dictionary(grouping: skipped, by: \.reason).map { ($0.key, $0.value.count) }
      .sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }
  }
}
