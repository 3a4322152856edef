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
    /// Each subquery's first events for this key, in the order given.
    var events: [[Int]]
    var touched: Int
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
    clock += 1
    var kept = false
    for (index, stage) in stages.enumerated() {
      guard stepsHeld >> UInt64(stage.rule) & 1 == 1, let key = EQLSequenceMatcher.JoinKey(stage, event) else {
        continue
      }
      var entry = candidates[key] ?? Candidates(events: Array(repeating: [], count: stages.count), touched: clock)
      if entry.events[index].count < eventsPerStage {
        entry.events[index].append(id)
        kept = true
      }
      entry.touched = clock
      candidates[key] = entry
    }
    if candidates.count > limits.maximumPartials { evict() }
    return kept
  }

  /// The samples over every event fed, in Elasticsearch's order.
  public mutating func finish() -> [EQLSequenceMatch] {
    var found: [EQLSequenceMatch] = []
    // Only keys with events for every subquery can have samples: the others are left out before sorting.
    let keyed = candidates.compactMap { key, entry in
      entry.events.contains(where: \.isEmpty) ? nil : (values: key.values, events: entry.events)
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
