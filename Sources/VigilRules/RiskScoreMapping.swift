/// One `[[rule.risk_score_mapping]]` entry: an alert's risk score is taken from a numeric event field.
public struct RiskScoreMapping: Hashable, Sendable {
  public var field: String
  /// Always `equals` in Kibana.
  public var `operator`: String
  /// Unused by Kibana for risk scores (empty string); kept as written.
  public var value: String

  public init(field: String, operator: String, value: String) {
    self.field = field
    self.operator = `operator`
    self.value = value
  }
}
