/// `[rule.alert_suppression]`: collapse alerts that share field values within a duration.
public struct AlertSuppression: Hashable, Sendable {
  /// What to do with events missing a group-by field.
  public enum MissingFieldsStrategy: String, Hashable, Sendable, CaseIterable {
    case suppress
    case doNotSuppress = "doNotSuppress"
  }

  public var groupBy: [String]
  /// Suppression window; `nil` means per rule execution.
  public var duration: RuleDuration?
  public var missingFieldsStrategy: MissingFieldsStrategy

  public init(groupBy: [String], duration: RuleDuration?, missingFieldsStrategy: MissingFieldsStrategy) {
    self.groupBy = groupBy
    self.duration = duration
    self.missingFieldsStrategy = missingFieldsStrategy
  }
}
