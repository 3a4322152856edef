/// One `[…]` (or missing-event `![…]`) step of a sequence, with its own keys and `with runs=N`.
public struct EQLSequenceTerm: Hashable, Sendable {
  public var filter: EQLEventFilter
  /// Keys after the subquery (`[…] by process.entity_id`); they follow the sequence's own keys.
  public var keys: [EQLField]
  /// `with runs=N`: the step repeats N times.
  public var runs: Int?
  public var runsRange: Range<Int>?
  /// `![…]`: the step matches when no such event occurs.
  public var isMissing: Bool
  public var range: Range<Int>

  public init(
    filter: EQLEventFilter, keys: [EQLField] = [], runs: Int? = nil, runsRange: Range<Int>? = nil,
    isMissing: Bool = false, range: Range<Int>
  ) {
    self.filter = filter
    self.keys = keys
    self.runs = runs
    self.runsRange = runsRange
    self.isMissing = isMissing
    self.range = range
  }
}
