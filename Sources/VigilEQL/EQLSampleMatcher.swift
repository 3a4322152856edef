import VigilEvents
import VigilQuery

/// Finds the samples of a lowered EQL `sample` as Elasticsearch's `SampleIterator` does.
///
/// Elasticsearch first finds the join key values for which every subquery has an event (composite aggregations), then
/// asks each subquery, per key value, for its first `subqueries + max_samples_per_key - 1` events, and builds the
/// samples from those lists by backtracking in subquery order: one event per subquery, never the same event twice in
/// one sample, stopping after `max_samples_per_key` samples. So a key's samples can share events (`[a x] [b x]`), and
/// a key whose events cannot be told apart (one event matching every subquery) has no sample. Samples come in join key
/// order (the composite aggregation's: ascending, `null` first, keywords by their bytes), a key's samples in the
/// order the backtracking finds them.
///
/// Elasticsearch reads each subquery's events unsorted (index order, which its tests treat as nondeterministic);
/// Vigil takes them in the order given (timestamp, then input order). Samples are known only once every event has
/// been seen: feed them with ``process(_:id:)``, then call ``finish()``. State is bounded like
/// ``EQLSequenceMatcher``'s: at most `subqueries + max_samples_per_key - 1` events per key and subquery, and beyond
/// ``EQLSequenceMatcher/Limits/maximumPartials`` keys the least recently touched are evicted, with evictions counted.
public struct EQLSampleMatcher {
  struct Candidates {
    /// Each subquery's first events for this key, in the order given, in one array: per subquery, the number of
    /// events kept, then room for ``EQLSampleMatcher/eventsPerStage`` ids.
    var events: [Int] = []
    var touched = 0

    /// Subquery `stage`'s events.
    func list(_ stage: Int, width: Int) -> ArraySlice<Int> {
      let start = stage * (width + 1)
      return events[start + 1..<start + 1 + events[start]]
    }
  }

  let stages: [EQLSequenceMatcher.Stage]
  /// The subqueries' predicates.
  var steps: EQLStepPrograms
  let limits: EQLSequenceMatcher.Limits
  let maxSamplesPerKey: Int
  /// How many events each subquery keeps per key: Elasticsearch's `size` for its final per-key queries.
  let eventsPerStage: Int
  /// By join key: text compared byte for byte, as Elasticsearch's composite aggregation groups keywords.
  var candidates: [EQLSequenceMatcher.JoinKey: Candidates] = [:]
  var clock = 0
  public private(set) var statistics = EQLSequenceMatcher.Statistics()

  public init(_ steps: [EQLLoweredStep], limits: EQLSequenceMatcher.Limits = .init(), maxSamplesPerKey: Int = 1) {
    stages = steps.enumerated().map { EQLSequenceMatcher.Stage($1, rule: $0) }
    self.steps = EQLStepPrograms(steps.map(\.predicate))
    self.limits = limits
    self.maxSamplesPerKey = max(1, maxSamplesPerKey)
    eventsPerStage = stages.count + self.maxSamplesPerKey - 1
  }

  /// Feeds the next event; `id` is reported back in the samples' events. Returns whether a sample may use it
  /// (it is among the first events of a subquery for its key).
  @discardableResult
  public mutating func process(_ event: Event, id: Int) -> Bool {
    steps.begin()
    var held: UInt64 = 0
    for stage in stages where steps.holds(stage, event) { held |= 1 << UInt64(stage.rule) }
    return process(event, id: id, stepsHeld: held)
  }

  /// Feeds the next event as ``process(_:id:)`` does, with its subqueries already evaluated: bit `i` of
  /// `stepsHeld` is set when the event satisfies subquery `i` (a scan evaluates them with every other rule).
  @discardableResult
  public mutating func process(_ event: Event, id: Int, stepsHeld: UInt64) -> Bool {
    var keys = EQLSampleKeys()
    return process(event, id: id, stepsHeld: stepsHeld, sharing: &keys)
  }

  /// Feeds the next event as ``process(_:id:stepsHeld:)`` does, with join keys that other matchers of the same
  /// sample query read from the same event (the runs of overlapping windows): `keys` is read from the event when it
  /// holds another event's keys.
  @discardableResult
  public mutating func process(_ event: Event, id: Int, stepsHeld: UInt64, sharing keys: inout EQLSampleKeys) -> Bool {
    if keys.event != id {
      keys.read(stages, of: event, id: id, stepsHeld: stepsHeld)
    }
    clock += 1
    var kept = false
    for index in keys.keys.indices where keys.counts[index] > 0 {
      for key in keys.keys[index][..<keys.counts[index]] {
        // Changed in place: a copy taken out of the table and put back copied the array for every event.
        kept =
          Self.add(
            id, toList: index, of: stages.count, keeping: eventsPerStage, clock: clock,
            in: &candidates[key, default: Candidates()]) || kept
      }
    }
    if candidates.count > limits.maximumPartials { evict() }
    return kept
  }

  /// Adds event `id` to subquery `stage`'s list (of `stages`, each keeping up to `limit` events) in `entry`, a new
  /// entry's lists made first, unless the list is full; whether it was added. Static, so that no copy of the matcher
  /// holds the table `entry` is in while it changes.
  private static func add(
    _ id: Int, toList stage: Int, of stages: Int, keeping limit: Int, clock: Int, in entry: inout Candidates
  ) -> Bool {
    let width = limit + 1
    if entry.events.isEmpty { entry.events = Array(repeating: 0, count: stages * width) }
    entry.touched = clock
    let start = stage * width
    guard entry.events[start] < limit else { return false }
    entry.events[start] += 1
    entry.events[start + entry.events[start]] = id
    return true
  }

  /// The samples over every event fed, in Elasticsearch's order.
  public mutating func finish() -> [EQLSequenceMatch] {
    var found: [EQLSequenceMatch] = []
    // Only keys with events for every subquery can have samples: the others are left out before sorting.
    let keyed = candidates.compactMap { key, entry -> (values: [ScalarValue], events: [[Int]])? in
      guard stages.indices.allSatisfy({ !entry.list($0, width: eventsPerStage).isEmpty }) else { return nil }
      return (key.values, stages.indices.map { Array(entry.list($0, width: eventsPerStage)) })
    }
    for (values, lists) in keyed.sorted(by: { Self.precedes($0.values, $1.values) }) {
      for events in Self.samples(lists, limit: maxSamplesPerKey) {
        found.append(EQLSequenceMatch(joinKeys: values, events: events, startTimestamp: 0))
      }
    }
    statistics.matches += found.count
    return found
  }

  /// Elasticsearch's `SampleIterator.matchSamples`: depth-first over the subqueries' lists, one event per subquery,
  /// no event twice in a sample, up to `limit` samples. Lists are short (see ``eventsPerStage``), so the search is
  /// bounded by the query's shape, not by the input.
  static func samples(_ lists: [[Int]], limit: Int) -> [[Int?]] {
    guard lists.allSatisfy({ !$0.isEmpty }) else { return [] }
    var found: [[Int?]] = []
    var chosen: [Int] = []
    func extend(_ stage: Int) {
      for id in lists[stage] where !chosen.contains(id) {
        chosen.append(id)
        if stage == lists.count - 1 { found.append(chosen) } else { extend(stage + 1) }
        chosen.removeLast()
        if found.count == limit { return }
      }
    }
    extend(0)
    return found
  }

  /// The composite aggregation's order of join key values: key by key, `null` first, then booleans, numbers and
  /// strings, each ascending (strings by their UTF-8 bytes, as Lucene compares keywords).
  static func precedes(_ left: [ScalarValue], _ right: [ScalarValue]) -> Bool {
    for (a, b) in zip(left, right) {
      let order = compare(a, b)
      if order != 0 { return order < 0 }
    }
    return left.count < right.count
  }

  private static func compare(_ a: ScalarValue, _ b: ScalarValue) -> Int {
    func rank(_ value: ScalarValue) -> Int {
      switch value {
      case .null: 0
      case .bool: 1
      case .int, .double: 2
      case .string: 3
      }
    }
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
    case (.string(let x), .string(let y)):
      if x.utf8.elementsEqual(y.utf8) { return 0 }
      return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
    default:
      if let x = a.number, let y = b.number { return x < y ? -1 : (y < x ? 1 : 0) }
      return rank(a) - rank(b)
    }
  }

  /// Forgets the least recently touched quarter of the keys (at least one).
  private mutating func evict() {
    let ages = candidates.values.map(\.touched).sorted()
    let cutoff = ages[max(ages.count / 4, 1) - 1]
    let before = candidates.count
    candidates = candidates.filter { $0.value.touched > cutoff }
    statistics.evictions += before - candidates.count
  }
}

/// An event's join keys for each subquery of a sample, read once for every matcher of the query
/// (``EQLSampleMatcher/process(_:id:stepsHeld:sharing:)``); keep one and pass it for each event.
public struct EQLSampleKeys {
  /// Per subquery, the event's keys for it: the first `counts[i]` of `keys[i]` (none when the event does not satisfy
  /// the subquery or lacks a key value; more than one when key fields are multi-valued).
  var keys: [[EQLSequenceMatcher.JoinKey]] = []
  var counts: [Int] = []
  /// The id of the event the keys were read from.
  var event = Int.min

  public init() {}

  /// Reads event `id`'s keys for the subqueries it satisfies, into the keys' own storage (which a table that kept a
  /// key shares, and then a new buffer of the same size is made).
  mutating func read(_ stages: [EQLSequenceMatcher.Stage], of event: Event, id: Int, stepsHeld: UInt64) {
    self.event = id
    if keys.count < stages.count {
      keys = Array(repeating: [EQLSequenceMatcher.JoinKey()], count: stages.count)
      counts = Array(repeating: 0, count: stages.count)
    }
    for (index, stage) in stages.enumerated() {
      counts[index] =
        stepsHeld >> UInt64(stage.rule) & 1 == 1 ? EQLJoinKeys.read(stage, event, into: &keys[index]) : 0
    }
  }
}
