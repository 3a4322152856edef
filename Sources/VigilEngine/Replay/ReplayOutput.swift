/// Where a replay's alerts go: deduplicated by `kibana.alert.uuid` across runs, as Kibana drops an alert whose id
/// is already in the alerts index, suppressed when the rule asks for it (``AlertSuppressor``), then counted and
/// emitted.
struct ReplayOutput {
  var statistics: ScanStatistics
  var replay: ReplayStatistics
  private var seen: Set<String> = []
  /// The current rule's alert suppression, if it has one.
  private var suppressor: AlertSuppressor?

  init(statistics: ScanStatistics, replay: ReplayStatistics) {
    self.statistics = statistics
    self.replay = replay
  }

  /// Emits `alert`, made by the run at `run` for events from `start` to `end`, unless an alert with its id was
  /// offered before; with suppression, a candidate of the terms of a held alert is counted there, and a held alert is
  /// emitted once no later run can add to it. Returns whether the alert is a new one (counts towards `max_signals`).
  @discardableResult
  mutating func offer(
    _ alert: Alert, at run: Int64, from start: Int64, to end: Int64, emit: (Alert) throws -> Void
  ) rethrows -> Bool {
    guard seen.insert(alert.uuid).inserted else {
      statistics.duplicateAlerts += 1
      return false
    }
    guard suppressor != nil else {
      try write(alert, emit: emit)
      return true
    }
    for held in suppressor!.close(before: run) { try write(held, emit: emit) }
    switch suppressor!.offer(alert, at: run, from: start, to: end, mayStart: { true }) {
    case .write(let alert):
      try write(alert, emit: emit)
      return true
    case .started, .refused:
      return true
    case .suppressed:
      statistics.suppressedAlerts += 1
      return false
    }
  }

  /// Counts and emits an alert.
  private mutating func write(_ alert: Alert, emit: (Alert) throws -> Void) rethrows {
    statistics.alerts += 1
    statistics.alertsBySeverity[alert.severity, default: 0] += 1
    statistics.alertsByRule[alert.ruleID, default: 0] += 1
    try emit(alert)
  }

  /// Counts a run of `rule` that reached `max_signals` with results left over.
  mutating func capped(_ rule: ReplayRule) {
    replay.cappedRuns[rule.ruleID, default: 0] += 1
  }

  /// Forgets the ids seen, before the next rule, `compiled` (ids include the rule, so rules never share one).
  mutating func nextRule(_ compiled: CompiledRule) {
    seen.removeAll()
    suppressor = AlertSuppressor(for: compiled)
  }

  /// Emits the alerts the rule's suppression still holds, after its last run.
  mutating func finishRule(emit: (Alert) throws -> Void) rethrows {
    guard suppressor != nil else { return }
    for held in suppressor!.finish() { try write(held, emit: emit) }
    if suppressor!.evictions > 0 { replay.evictions[suppressor!.ruleID, default: 0] += suppressor!.evictions }
  }
}
