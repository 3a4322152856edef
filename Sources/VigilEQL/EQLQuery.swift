/// A parsed EQL statement: an event query, a sequence or a sample, followed by pipes.
public struct EQLQuery: Hashable, Sendable {
  /// The three query shapes Elasticsearch runs.
  public enum Body: Hashable, Sendable {
    case event(EQLEventFilter)
    case sequence(EQLSequence)
    case sample(EQLSample)
  }

  public var body: Body
  public var pipes: [EQLPipe]
  public var range: Range<Int>

  public init(body: Body, pipes: [EQLPipe] = [], range: Range<Int>) {
    self.body = body
    self.pipes = pipes
    self.range = range
  }
}
