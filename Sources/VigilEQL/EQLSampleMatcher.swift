import VigilEvents
import VigilQuery

/// Finds the samples of a lowered EQL `sample`: for each combination of join key values, one event for every
/// subquery, in any order, up to `max_samples_per_key` samples per combination (Elasticsearch's default is 1).
///
/// Each subquery takes the first event that matches it (events in the order given: timestamp, then input order);
/// subqueries are independent, so one event can serve several. A sample is reported when every subquery has an
/// event; after `maxSamplesPerKey` samples its key takes no more. State is bounded like ``EQLSequenceMatcher``'s, with evictions
/// counted.
public struct EQLSampleMatcher {
  struct Slots {
    var events: [Int?]
    var touched: Int
  }

  let stages: [EQLSequenceMatcher.Stage]
  let limits: EQLSequenceMatcher.Limits
  var open: [[ScalarValue]: Slots] = [:]
  /// Samples found per key; a key with `maxSamplesPerKey` of them is done.
  var done: [[ScalarValue]: Int] = [:]
  let maxSamplesPerKey: Int
  var clock = 0
  public private(set) var statistics = EQLSequenceMatcher.Statistics()

  public init(_ steps: [EQLLoweredStep], limits: EQLSequenceMatcher.Limits = .init(), maxSamplesPerKey: Int = 1) {
    stages = steps.map(EQLSequenceMatcher.Stage.init)
    self.limits = limits
    self.maxSamplesPerKey = max(1, maxSamplesPerKey)
  }

  /// Feeds the next event and returns the sample it completes, if any. `id` is reported back in the sample's events.
  public mutating func process(_ event: Event, id: Int) -> [EQLSequenceMatch] {
    clock += 1
    var completed: [EQLSequenceMatch] = []
    for (index, stage) in stages.enumerated() {
      guard stage.program.evaluate(event), let key = EQLSequenceMatcher.key(stage, event),
        done[key, default: 0] < maxSamplesPerKey
      else { continue }
      var slots = open[key] ?? Slots(events: Array(repeating: nil, count: stages.count), touched: clock)
      if slots.events[index] == nil { slots.events[index] = id }
      slots.touched = clock
      if slots.events.allSatisfy({ $0 != nil }) {
        open[key] = nil
        done[key, default: 0] += 1
        statistics.matches += 1
        completed.append(EQLSequenceMatch(joinKeys: key, events: slots.events, startTimestamp: event.timestamp ?? 0))
      } else {
        open[key] = slots
      }
    }
    if open.count + done.count > limits.maximumPartials { evict() }
    return completed
  }

  /// Forgets the least recently touched quarter of the open samples (and, if needed, the finished keys).
  private mutating func evict() {
    if open.count > 0 {
      let ages = open.values.map(\.touched).sorted()
      let cutoff = ages[max(ages.count / 4, 1) - 1]
      let before = open.count
      open = open.filter { $0.value.touched > cutoff }
      statistics.evictions += before - open.count
    }
    if open.count + done.count > limits.maximumPartials {
      statistics.evictions += done.count
      done.removeAll()
    }
  }
}
