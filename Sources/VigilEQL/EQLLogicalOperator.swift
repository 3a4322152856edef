/// `and` / `or`.
public enum EQLLogicalOperator: String, Hashable, Sendable {
  case and, or
}
