/// A sequence, lowered: its steps in order, `until`, and `maxspan`.
public struct EQLLoweredSequence: Sendable {
  public var steps: [EQLLoweredStep]
  public var until: EQLLoweredStep?
  /// `with maxspan=…`, in milliseconds.
  public var maxspanMilliseconds: Int64?
  /// How many of each step's keys are the sequence's shared `by` keys (they come first).
  public var keyCount: Int

  public init(steps: [EQLLoweredStep], until: EQLLoweredStep?, maxspanMilliseconds: Int64?, keyCount: Int) {
    self.steps = steps
    self.until = until
    self.maxspanMilliseconds = maxspanMilliseconds
    self.keyCount = keyCount
  }
}
