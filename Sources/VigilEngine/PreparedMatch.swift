import VigilESQL

/// What a ``MatchPreparer`` made of one event for one rule it matched.
public struct PreparedMatch: Sendable {
  public enum Result: Sendable {
    /// A non-aggregating ES|QL rule's alerts (none when the event gave no row).
    case alerts([Alert])
    /// What the event adds to each window of an aggregating ES|QL rule.
    case esqlStreamed(ESQLRun.Streamed)
    /// The event was added to an aggregating ES|QL rule's windows when it was read, ahead of its turn in time
    /// order: on its turn, only the windows that ended before its time remain to finish.
    case esqlContributed
  }

  /// The rule's position in its ``CompiledRuleSet``.
  public var rule: Int32
  public var result: Result

  public init(rule: Int32, _ result: Result) {
    self.rule = rule
    self.result = result
  }
}
