/// One `[…] [by keys]` of a sample.
public struct EQLSampleTerm: Hashable, Sendable {
  public var filter: EQLEventFilter
  public var keys: [EQLField]
  public var range: Range<Int>

  public init(filter: EQLEventFilter, keys: [EQLField] = [], range: Range<Int>) {
    self.filter = filter
    self.keys = keys
    self.range = range
  }
}
