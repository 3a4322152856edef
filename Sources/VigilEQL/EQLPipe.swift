/// A pipe after the query. Elasticsearch runs only `head` and `tail`.
public struct EQLPipe: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    case head, tail
  }

  public var kind: Kind
  public var count: Int64
  public var range: Range<Int>

  public init(kind: Kind, count: Int64, range: Range<Int>) {
    self.kind = kind
    self.count = count
    self.range = range
  }
}
