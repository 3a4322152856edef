/// A rule whose predicate an event satisfies, as the stateless half of a scan (``RuleMatcher``) hands it to the
/// stateful half (``ScanEngine``).
public struct RuleMatch: Sendable, Equatable {
  /// The rule's position in its ``CompiledRuleSet``.
  public var rule: Int32
  /// For an EQL sequence or sample rule, bit `i` is set when the event satisfies step predicate `i`
  /// (``CompiledRuleSet/stepRoots``); 0 for other rules.
  public var stepsHeld: UInt64

  /// The most step predicates (steps and `until`) of a sequence that a scan runs: one bit each in ``stepsHeld``.
  public static let maximumSteps = UInt64.bitWidth

  public init(rule: Int32, stepsHeld: UInt64 = 0) {
    self.rule = rule
    self.stepsHeld = stepsHeld
  }
}
