/// One `[[rule.severity_mapping]]` entry: an alert takes `severity` when the event's `field` equals `value`.
public struct SeverityMapping: Hashable, Sendable {
  public var field: String
  /// Always `equals` in Kibana.
  public var `operator`: String
  public var value: String
  public var severity: RuleSeverity

  public init(field: String, operator: String, value: String, severity: RuleSeverity) {
    self.field = field
    self.operator = `operator`
    self.value = value
    self.severity = severity
  }
}
