/// `[rule.threshold]`: group events by fields and alert when a group reaches a count.
public struct ThresholdOptions: Hashable, Sendable {
  /// A distinct-count condition on a field (`[[rule.threshold.cardinality]]`).
  public struct Cardinality: Hashable, Sendable {
    public var field: String
    public var value: Int

    public init(field: String, value: Int) {
      self.field = field
      self.value = value
    }
  }

  /// Group-by fields (empty: all events form one group).
  public var fields: [String]
  /// Minimum number of events in a group (≥ 1).
  public var value: Int
  public var cardinality: [Cardinality]

  public init(fields: [String], value: Int, cardinality: [Cardinality]) {
    self.fields = fields
    self.value = value
    self.cardinality = cardinality
  }
}
