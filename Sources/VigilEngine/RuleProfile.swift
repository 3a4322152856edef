/// What one rule cost in a profiled scan (`vigil scan --profile-rules`).
public struct RuleProfile: Sendable {
  /// Events the router sent to the rule.
  public internal(set) var evaluations = 0
  /// Events that satisfied the rule's predicate.
  public internal(set) var matches = 0
  /// Time spent evaluating the rule and running its executor, nanoseconds.
  public internal(set) var nanoseconds: Int64 = 0

  mutating func add(nanoseconds spent: Int64) {
    evaluations += 1
    nanoseconds += spent
  }
}
