/// Replays a `threshold` rule (detection-engine-semantics §2.4): each run groups the window's events by the
/// threshold fields' values (one group for the whole window without fields), and each group of at least `value`
/// events (and `cardinality` distinct values) gives one alert, in composite-key order up to `max_signals`.
///
/// Signal history keeps groups from alerting twice on the same events: after a group alerts, its events up to the
/// group's latest time are left out of later runs (a whole event is left out when any of its groups has such an
/// entry, as Kibana's `must_not` filter does), and an entry is forgotten once a window starts at or after it.
enum ReplayThresholdExecutor {
  private struct Bucket {
    var count = 0
    var first = Int64.max
    var last = Int64.min
    var distinct: Set<String> = []

    mutating func add(_ time: Int64, values: [String]) {
      count += 1
      first = min(first, time)
      last = max(last, time)
      distinct.formUnion(values)
    }
  }

  static func run(
    _ rule: ReplayRule, value: Int, cardinality: Int?, output: inout ReplayOutput, emit: (Alert) throws -> Void
  ) rethrows {
    var history: [[String]: Int64] = [:]
    try rule.schedule.forEachRun(over: rule.times) { run, range in
      output.replay.runs += 1
      let window = rule.schedule.window(of: run)
      history = history.filter { $0.value > window.lowerBound }
      var buckets: [[String]: Bucket] = [:]
      for position in range {
        let event = rule.events[position]
        guard case .threshold(let keys, let values) = event.facts else { continue }
        if keys.contains(where: { key in history[key].map { event.time <= $0 } ?? false }) { continue }
        for key in keys { buckets[key, default: Bucket()].add(event.time, values: values) }
      }
      let qualifying = buckets.filter { _, bucket in
        bucket.count >= value && cardinality.map { bucket.distinct.count >= $0 } ?? true
      }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
      for (offset, (key, bucket)) in qualifying.enumerated() {
        if offset == rule.maxSignals {
          output.capped(rule)
          break
        }
        let crossing = ThresholdTracker.Crossing(
          key: key, count: bucket.count, first: bucket.first, last: bucket.last,
          distinct: cardinality == nil ? nil : bucket.distinct.count)
        history[key] = max(history[key] ?? .min, bucket.last)
        try output.offer(
          ThresholdAlert.build(rule.compiled, crossing: crossing, alertTime: run), at: run, from: crossing.first,
          to: crossing.last, emit: emit)
      }
    }
  }
}
