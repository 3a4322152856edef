import VigilRules

/// What a scan did, for its closing summary.
public struct ScanStatistics: Sendable {
  public var events = 0
  public var alerts = 0
  /// Alerts dropped because the same rule already alerted on the same event.
  public var duplicateAlerts = 0
  /// Alerts left out because their rule had already given `max_signals` alerts in that `interval` of event time.
  public var alertsOverMaxSignals = 0
  /// Alert candidates counted in an earlier alert of the same suppression terms (`alert_suppression`) instead of
  /// being written.
  public var suppressedAlerts = 0
  /// Events that arrived later than the reorder window allowed and ran out of time order, or, on a live source,
  /// earlier than the time the scan's clock had reached (``ScanEngine/advanceTime(to:emit:)``).
  public var lateEvents = 0
  /// Rule predicates evaluated: the events the router sent to rules whose index patterns cover them.
  public var ruleEvaluations = 0
  public var alertsBySeverity: [RuleSeverity: Int] = [:]
  /// Alerts per rule id.
  public var alertsByRule: [String: Int] = [:]
}
