import VigilEvents
import VigilQuery
import VigilRules

/// A rule ready to run: its predicate (query AND filters), its index patterns, and the alert fields it stamps on
/// every alert. A class, so that the engine reaches a rule's parts without copying the whole rule.
public final class CompiledRule: Sendable {
  // The parts the engine reads for every event a rule matches come first, near the object's start: after the rule
  // (over 2 KB), reading them was a cache miss of their own per matched rule.
  /// The rule's `timestamp_override` field; windows use it, falling back to `@timestamp` per event.
  public let timestampOverride: FieldID?
  public let execution: RuleExecution
  public let rule: DetectionRule
  /// The rule's predicate, simplified; ``CompiledRuleSet/programs`` holds it compiled, with every other rule's.
  public let predicate: Predicate
  public let indexPatterns: IndexPatterns
  public let alertFields: RuleAlertFields

  init(
    rule: DetectionRule, predicate: Predicate, indexPatterns: IndexPatterns, alertFields: RuleAlertFields,
    execution: RuleExecution, timestampOverride: FieldID?
  ) {
    self.rule = rule
    self.predicate = predicate
    self.indexPatterns = indexPatterns
    self.alertFields = alertFields
    self.execution = execution
    self.timestampOverride = timestampOverride
  }
}

/// Why a rule does not run in this scan.
public struct SkippedRule: Sendable {
  public var path: String
  public var rule: DetectionRule?
  /// A short reason shown to users (`needs Elastic ML`, `has errors`, …).
  public var reason: String
}
