/// One rule as its replay executor sees it: the events it matched, sorted by primary timestamp (then input order),
/// and its simulated schedule.
struct ReplayRule {
  let compiled: CompiledRule
  let events: [ReplayEvent]
  /// The events' primary timestamps, in the same order, for finding windows.
  let times: [Int64]
  let schedule: ReplaySchedule
  /// `max_signals`, capped by Kibana's default `xpack.alerting.rules.run.alerts.max` (1,000).
  let maxSignals: Int

  static let maximumSignalsPerRun = 1_000

  init(_ compiled: CompiledRule, events: [ReplayEvent], range: ReplayRange) {
    self.compiled = compiled
    self.events = events.sorted { ($0.time, $0.document) < ($1.time, $1.document) }
    times = self.events.map(\.time)
    schedule = ReplaySchedule(
      compiled.rule.schedule, range: range, earliest: times.first ?? 0, latest: times.last ?? 0)
    maxSignals = min(compiled.rule.schedule.maxSignals, Self.maximumSignalsPerRun)
  }

  var ruleID: String { compiled.rule.ruleID }
}
