/// Kibana writes at most `max_signals` alerts per rule run. Stream mode has no runs, so it applies the cap to each
/// `interval`-long slot of event time: a rule that matches every event gives at most `max_signals` alerts per
/// interval, as its scheduled runs would.
struct SignalBudget {
  let intervalNanoseconds: Int64
  let maxSignals: Int
  private var slot = Int64.min
  private var used = 0

  init(intervalSeconds: Int64, maxSignals: Int) {
    intervalNanoseconds = max(1, intervalSeconds) * 1_000_000_000
    self.maxSignals = maxSignals
  }

  /// Whether another alert fits in the slot of `time`; moving to a new slot refills the budget.
  mutating func hasRoom(at time: Int64) -> Bool {
    let current = time >= 0 ? time / intervalNanoseconds : (time + 1) / intervalNanoseconds - 1
    if current != slot {
      slot = current
      used = 0
    }
    return used < maxSignals
  }

  /// Counts one alert written in the current slot.
  mutating func spend() { used += 1 }
}
