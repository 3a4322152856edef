import VigilEvents
import VigilQuery

/// An EQL search over a set of events, answered as Elasticsearch's EQL search answers it: what
/// `vigil query --language eql` runs, and what the conformance tests check.
///
/// Feed every event with ``add(_:)``, in input order, then call ``finish()``. Only events that some filter of the
/// query matches are kept. They are sorted by time (`timestampField`), then tiebreaker, then input order, so
/// unsorted input is sorted first; an event query's results are those events, a sequence's the matches found over
/// them, ordered by their first event, and a sample's its samples in join key order. `head`/`tail` pipes apply in
/// order, then `size`.
public struct EQLSearch {
  /// The options of Elasticsearch's EQL search request that Vigil supports, and its own state limits.
  public struct Options: Sendable {
    /// The field whose date orders events (`nil`: `@timestamp`); it must be decoded.
    public var timestampField: FieldID?
    /// The field that orders events with the same time; it must be decoded.
    public var tiebreakerField: FieldID?
    /// The most results returned (Elasticsearch's `size`); `nil` for no limit.
    public var size: Int?
    /// The most samples a `sample` query returns for each join key value.
    public var maxSamplesPerKey: Int
    /// Bounds on sequence and sample state.
    public var limits: EQLSequenceMatcher.Limits

    public init(
      timestampField: FieldID? = nil, tiebreakerField: FieldID? = nil, size: Int? = nil, maxSamplesPerKey: Int = 1,
      limits: EQLSequenceMatcher.Limits = .init()
    ) {
      self.timestampField = timestampField
      self.tiebreakerField = tiebreakerField
      self.size = size
      self.maxSamplesPerKey = maxSamplesPerKey
      self.limits = limits
    }
  }

  /// What a search gives.
  public struct Result {
    /// The kept events (those a filter of the query matched), in EQL's order.
    public var events: [Event]
    /// The results, in Elasticsearch's order. An event query's result has no join keys and one event; a sequence's
    /// or sample's has its join keys and events. Events are positions in ``events`` (`nil` for a missing event).
    public var matches: [EQLSequenceMatch]
    /// What happened to sequence or sample state (all zero for an event query).
    public var statistics: EQLSequenceMatcher.Statistics
  }

  let query: EQLLoweredQuery
  let options: Options
  let filter: PredicateProgram
  var kept: [(event: Event, order: EQLEventOrder)] = []
  var offered = 0

  /// A search for a lowered query without errors, whose sequence (if any) the matcher supports (see
  /// ``EQLSequenceMatcher/unsupportedReason(_:)``).
  public init(_ query: EQLLoweredQuery, options: Options = Options()) {
    self.query = query
    self.options = options
    filter = PredicateProgram(.or(query.predicates))
  }

  /// Offers the next input event.
  public mutating func add(_ event: Event) {
    offered += 1
    guard filter.evaluate(event) else { return }
    let order = EQLEventOrder(
      time: event.timestamp(override: options.timestampField) ?? .min,
      tiebreaker: options.tiebreakerField.flatMap { event.keywordTexts($0).first }, index: offered)
    kept.append((event, order))
  }

  /// The results over every event offered.
  public func finish() -> Result {
    let events = kept.sorted { $0.order < $1.order }.map(\.event)
    var matches: [EQLSequenceMatch]
    var statistics = EQLSequenceMatcher.Statistics()
    switch query.body {
    case .event:
      matches = events.indices.map { position in
        EQLSequenceMatch(
          joinKeys: [], events: [position],
          startTimestamp: events[position].timestamp(override: options.timestampField) ?? .min)
      }
    case .sequence(let sequence):
      var matcher = EQLSequenceMatcher(sequence, limits: options.limits, timestampField: options.timestampField)
      matches = []
      for (position, event) in events.enumerated() { matches += matcher.process(event, id: position) }
      matches += matcher.finish()
      statistics = matcher.statistics
      matches.sort { ($0.start.timestamp, $0.start.id) < ($1.start.timestamp, $1.start.id) }
    case .sample(let steps):
      // Samples come in join key order, as Elasticsearch returns them (see EQLSampleMatcher), not by time.
      var matcher = EQLSampleMatcher(steps, limits: options.limits, maxSamplesPerKey: options.maxSamplesPerKey)
      for (position, event) in events.enumerated() { matcher.process(event, id: position) }
      matches = matcher.finish()
      statistics = matcher.statistics
    }
    for pipe in query.pipes {
      let limit = Int(clamping: pipe.count)
      matches = pipe.kind == .head ? Array(matches.prefix(limit)) : Array(matches.suffix(limit))
    }
    if let size = options.size { matches = Array(matches.prefix(size)) }
    return Result(events: events, matches: matches, statistics: statistics)
  }
}
