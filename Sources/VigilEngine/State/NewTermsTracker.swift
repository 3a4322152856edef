import VigilEvents

/// The history of a `new_terms` rule: when each value combination was last seen. A combination is new at time `t`
/// when it was not seen in the history window `[t - history, t)`, as Kibana finds no earlier occurrence in the
/// history window of the run that first sees it.
///
/// Memory is bounded: combinations older than the window are swept away (they would be new again anyway), and past
/// `capacity` the oldest are evicted and counted. A combination is kept as a 128-bit fingerprint of its values, not
/// the values themselves: a history of a million command lines then costs tens of megabytes, not hundreds, and two
/// different combinations share a fingerprint with odds far below any hardware error rate.
struct NewTermsTracker {
  let historyNanoseconds: Int64
  let capacity: Int
  private var lastSeen: [Fingerprint: Int64] = [:]
  private var observations = 0
  /// Combinations dropped to stay within `capacity` while still inside the window.
  private(set) var evictions = 0

  init(historySeconds: Int64, capacity: Int) {
    historyNanoseconds = historySeconds * 1_000_000_000
    self.capacity = capacity
  }

  /// Records the combinations of the keyword values of `fields` in `event` (every combination of one value per
  /// field, none when a field has no value) seen at `time`, and returns those that are new: strings are made of an
  /// event's values only for a new combination (``Fingerprint/forEachCombination(of:in:_:)``).
  mutating func observe(_ event: Event, fields: [FieldID], at time: Int64) -> [[String]] {
    var new: [[String]] = []
    Fingerprint.forEachCombination(of: fields, in: event) { key, strings in
      if record(key, at: time) { new.append(strings()) }
    }
    observations += 1
    if observations % 4096 == 0 || lastSeen.count > capacity { sweep(now: time) }
    return new
  }

  /// Records a combination seen at `time`; whether it is new.
  private mutating func record(_ key: Fingerprint, at time: Int64) -> Bool {
    if let previous = lastSeen[key], previous >= time - historyNanoseconds {
      lastSeen[key] = max(previous, time)
      return false
    }
    lastSeen[key] = time
    return true
  }

  private mutating func sweep(now: Int64) {
    lastSeen = lastSeen.filter { $0.value >= now - historyNanoseconds }
    guard lastSeen.count > capacity else { return }
    let keep = lastSeen.sorted { $0.value > $1.value }.prefix(capacity * 3 / 4)
    evictions += lastSeen.count - keep.count
    lastSeen = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
  }
}
