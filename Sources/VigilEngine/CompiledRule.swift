import VigilEvents
import VigilQuery
import VigilRules

/// A rule ready to run: its predicate compiled (query AND filters), its index patterns, and the alert fields it
/// stamps on every alert.
public struct CompiledRule: Sendable {
  public let rule: DetectionRule
  public let predicate: PredicateProgram
  public let indexPatterns: IndexPatterns
  public let alertFields: RuleAlertFields
  public let execution: RuleExecution
  /// The rule's `timestamp_override` field; windows use it, falling back to `@timestamp` per event.
  public let timestampOverride: FieldID?
}

/// Why a rule does not run in this scan.
public struct SkippedRule: Sendable {
  public var path: String
  public var rule: DetectionRule?
  /// A short reason shown to users (`needs Elastic ML`, `has errors`, …).
  public var reason: String
}
