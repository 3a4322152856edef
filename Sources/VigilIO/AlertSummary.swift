import VigilEngine
import VigilEvents
import VigilRules

/// The per-rule summary `vigil scan --format table` prints: alert count, severity, tactics, first and last time.
public struct AlertSummary: Sendable {
  public struct Row: Sendable {
    public var ruleName: String
    public var severity: RuleSeverity
    public var tactics: [String]
    public var alerts = 0
    /// Earliest and latest `kibana.alert.original_time`, nanoseconds.
    public var first: Int64?
    public var last: Int64?
  }

  public private(set) var rows: [String: Row] = [:]

  public init() {}

  public mutating func add(_ alert: Alert, rule: DetectionRule) {
    var row = rows[rule.ruleID] ?? Row(ruleName: rule.name, severity: rule.severity, tactics: rule.tacticNames)
    row.alerts += 1
    row.severity = max(row.severity, alert.severity)
    if let time = alert.originalTime {
      row.first = min(row.first ?? time, time)
      row.last = max(row.last ?? time, time)
    }
    rows[rule.ruleID] = row
  }

  /// Rows by severity (highest first), then alert count, then name.
  public var sortedRows: [Row] {
    rows.values.sorted { ($0.severity, $0.alerts, $1.ruleName) > ($1.severity, $1.alerts, $0.ruleName) }
  }

  /// Seconds-precision UTC time for the table.
  public static func time(_ nanoseconds: Int64?) -> String {
    guard let nanoseconds else { return "-" }
    let text = Timestamp.iso8601(nanoseconds: nanoseconds)
    return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
  }
}
