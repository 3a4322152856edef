/// `sample [by keys] [q1] [q2] …`: unordered events sharing join keys.
public struct EQLSample: Hashable, Sendable {
  public var keys: [EQLField]
  public var terms: [EQLSampleTerm]
  public var range: Range<Int>

  public init(keys: [EQLField] = [], terms: [EQLSampleTerm], range: Range<Int>) {
    self.keys = keys
    self.terms = terms
    self.range = range
  }
}
