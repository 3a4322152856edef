import VigilRules

/// What a scan did, for its closing summary.
public struct ScanStatistics: Sendable {
  public var events = 0
  public var alerts = 0
  /// Alerts dropped because the same rule already alerted on the same event.
  public var duplicateAlerts = 0
  public var alertsBySeverity: [RuleSeverity: Int] = [:]
  /// Alerts per rule id.
  public var alertsByRule: [String: Int] = [:]
  /// Rule evaluations that failed at run time, per rule id; the other rules go on.
  public var failuresByRule: [String: Int] = [:]
}
