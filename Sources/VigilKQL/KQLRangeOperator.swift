/// A comparison in a KQL range expression such as `event.severity >= 3`.
/// The raw value is the operator as written.
public enum KQLRangeOperator: String, Hashable, Sendable, CaseIterable {
  case lessThan = "<"
  case lessThanOrEqual = "<="
  case greaterThan = ">"
  case greaterThanOrEqual = ">="
}
