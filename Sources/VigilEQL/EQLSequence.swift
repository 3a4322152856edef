/// `sequence [by keys] [with maxspan=…] [q] by f … [until [q]]`.
public struct EQLSequence: Hashable, Sendable {
  /// Join keys shared by every subquery (`sequence by host.id`).
  public var keys: [EQLField]
  public var maxspan: EQLTimeSpan?
  public var terms: [EQLSequenceTerm]
  /// The `until [q]` subquery that ends pending sequences.
  public var until: EQLSequenceTerm?
  public var range: Range<Int>

  public init(
    keys: [EQLField] = [], maxspan: EQLTimeSpan? = nil, terms: [EQLSequenceTerm], until: EQLSequenceTerm? = nil,
    range: Range<Int>
  ) {
    self.keys = keys
    self.maxspan = maxspan
    self.terms = terms
    self.until = until
    self.range = range
  }
}
