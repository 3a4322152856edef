/// Where a replay's alerts go: deduplicated by `kibana.alert.uuid` across runs, as Kibana drops an alert whose id
/// is already in the alerts index, then counted and emitted.
struct ReplayOutput {
  var statistics: ScanStatistics
  var replay: ReplayStatistics
  private var seen: Set<String> = []

  init(statistics: ScanStatistics, replay: ReplayStatistics) {
    self.statistics = statistics
    self.replay = replay
  }

  /// Emits `alert` unless an alert with its id was emitted before; returns whether it was new.
  @discardableResult
  mutating func offer(_ alert: Alert, emit: (Alert) throws -> Void) rethrows -> Bool {
    guard seen.insert(alert.uuid).inserted else {
      statistics.duplicateAlerts += 1
      return false
    }
    statistics.alerts += 1
    statistics.alertsBySeverity[alert.severity, default: 0] += 1
    statistics.alertsByRule[alert.ruleID, default: 0] += 1
    try emit(alert)
    return true
  }

  /// Counts a run of `rule` that reached `max_signals` with results left over.
  mutating func capped(_ rule: ReplayRule) {
    replay.cappedRuns[rule.ruleID, default: 0] += 1
  }

  /// Forgets the ids seen, before the next rule (ids include the rule, so rules never share one).
  mutating func nextRule() {
    seen.removeAll()
  }
}
