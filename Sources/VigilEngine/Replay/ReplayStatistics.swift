/// What a replay did beyond alerting, for the scan's closing summary.
public struct ReplayStatistics: Sendable {
  /// Simulated rule runs whose window held at least one of the rule's events (runs over empty windows are skipped).
  public var runs = 0
  /// Rule matches that had no primary timestamp (override nor `@timestamp`), so no window could hold them.
  public var matchesWithoutTimestamp = 0
  /// Runs that reached `max_signals` with results left over, per rule id.
  public var cappedRuns: [String: Int] = [:]
  /// Matching events that never alerted because every run that saw them was full, per rule id (query, EQL event
  /// and threat-match rules), as Kibana loses them.
  public var lostEvents: [String: Int] = [:]
  /// State evicted to bound memory, per rule id: partial EQL sequences, sample keys, and suppressed alerts written
  /// before their window closed.
  public var evictions: [String: Int] = [:]

  public init() {}
}
