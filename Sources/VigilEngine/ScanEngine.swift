#if canImport(Glibc)
  import Glibc
#endif
import VigilEvents
import VigilQuery
import VigilRules

/// Runs a compiled rule set over events in stream mode: each event is evaluated once, in the order given, against
/// the rules whose index patterns cover it, and every match becomes an alert (once per rule and event).
public final class ScanEngine {
  public let ruleSet: CompiledRuleSet
  /// The index of events that carry none (`--index`); `nil` lets every rule see them.
  public let defaultIndex: String?
  public private(set) var statistics = ScanStatistics()
  private var seenAlerts: Set<String> = []
  /// Each rule's program, apart from the rest of the rule so that evaluating one copies nothing else.
  private let predicates: [PredicateProgram]
  /// The rules whose index patterns cover each index seen so far (the key `nil` is "index unknown").
  private var rulesByIndex: [String?: [Int]] = [:]

  public init(ruleSet: CompiledRuleSet, defaultIndex: String? = nil) {
    self.ruleSet = ruleSet
    self.defaultIndex = defaultIndex
    predicates = ruleSet.rules.map(\.predicate)
  }

  /// Evaluates one event, calling `emit` with each new alert.
  public func process(_ event: Event, emit: (Alert) throws -> Void) rethrows {
    statistics.events += 1
    let index = self.index(of: event)
    var source: SourceDocument?
    for position in rules(for: index) where predicates[position].evaluate(event) {
      let compiled = ruleSet.rules[position]
      if source == nil { source = SourceDocument(bytes: event.bytes, index: index, documentID: event.documentID) }
      let alert = AlertBuilder.eventAlert(
        rule: compiled.rule, fields: compiled.alertFields, source: source!,
        alertTime: event.timestamp ?? Self.now())
      guard seenAlerts.insert(alert.uuid).inserted else {
        statistics.duplicateAlerts += 1
        continue
      }
      statistics.alerts += 1
      statistics.alertsBySeverity[alert.severity, default: 0] += 1
      statistics.alertsByRule[alert.ruleID, default: 0] += 1
      try emit(alert)
    }
  }

  private func rules(for index: String?) -> [Int] {
    if let known = rulesByIndex[index] { return known }
    let matching = ruleSet.rules.indices.filter { ruleSet.rules[$0].indexPatterns.matches(index) }
    rulesByIndex[index] = matching
    return matching
  }

  /// The event's index: its `_index`, else its data stream name, else the scan's default.
  func index(of event: Event) -> String? {
    if let index = event.index { return index }
    let fields = ruleSet.dataStreamFields
    if let type = event.string(fields.type), let dataset = event.string(fields.dataset),
      let namespace = event.string(fields.namespace)
    {
      return "\(type)-\(dataset)-\(namespace)"
    }
    return defaultIndex
  }

  static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}
