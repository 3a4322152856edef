import VigilEvents

/// The open buckets of a `threshold` rule: for each group of field values, the events of the look-back window.
/// A bucket that reaches the threshold alerts once and starts over, so later alerts need new events of their own,
/// as Kibana's signal history ensures. Groups are found, and cardinality values told apart, by 128-bit fingerprints
/// of their values (as ``NewTermsTracker`` keeps its history); a group keeps its values' strings for its alert.
struct ThresholdTracker {
  /// A group that reached the threshold.
  struct Crossing {
    var key: [String]
    var count: Int
    /// Earliest and latest event time in the bucket, nanoseconds.
    var first: Int64
    var last: Int64
    /// Distinct values of the cardinality field, when the rule has one.
    var distinct: Int?
  }

  /// One group's events in the window, oldest first (events arrive in time order), with a count per distinct
  /// cardinality value so that adding and expiring an event costs O(1).
  private struct Bucket {
    /// The group's field values, for its alert.
    let key: [String]
    var times: [Int64] = []
    var head = 0
    /// The cardinality field's values, as fingerprints: only their number of distinct ones is reported.
    var values: [(time: Int64, value: Fingerprint)] = []
    var valuesHead = 0
    var distinct: [Fingerprint: Int] = [:]

    init(key: [String]) { self.key = key }

    var count: Int { times.count - head }
    var latest: Int64? { times.last }

    mutating func add(_ time: Int64, value: Fingerprint) {
      values.append((time, value))
      distinct[value, default: 0] += 1
    }

    mutating func expire(before start: Int64) {
      while head < times.count, times[head] < start { head += 1 }
      while valuesHead < values.count, values[valuesHead].time < start {
        let value = values[valuesHead].value
        distinct[value]! -= 1
        if distinct[value] == 0 { distinct[value] = nil }
        valuesHead += 1
      }
      if head > 1024, head * 2 > times.count {
        times.removeFirst(head)
        head = 0
      }
      if valuesHead > 1024, valuesHead * 2 > values.count {
        values.removeFirst(valuesHead)
        valuesHead = 0
      }
    }

    var earliest: Int64 { times[head...].min() ?? 0 }
  }

  let windowNanoseconds: Int64
  let value: Int
  let cardinality: Int?
  let capacity: Int
  /// By fingerprint of the group's field values.
  private var buckets: [Fingerprint: Bucket] = [:]
  private var observations = 0
  private(set) var evictions = 0

  init(windowSeconds: Int64, value: Int, cardinality: Int?, capacity: Int) {
    windowNanoseconds = windowSeconds * 1_000_000_000
    self.value = value
    self.cardinality = cardinality
    self.capacity = capacity
  }

  /// A threshold of one without cardinality: every event crosses alone, so no bucket is ever kept.
  var keepsNoBuckets: Bool { value <= 1 && cardinality == nil }

  /// Adds `event` at `time` to the group of each combination of the keyword values of `fields` (one value per field;
  /// none when a field has no value), with the keyword values of `cardinalityField`, and returns the crossings of
  /// the groups that reach the threshold. Strings are made of an event's values only for a new group
  /// (``Fingerprint/forEachCombination(of:in:_:)``).
  mutating func observe(_ event: Event, fields: [FieldID], cardinalityField: FieldID?, at time: Int64) -> [Crossing] {
    var crossings: [Crossing] = []
    Fingerprint.forEachCombination(of: fields, in: event) { key, strings in
      if let crossing = observe(key, at: time, event: event, cardinalityField: cardinalityField, strings: strings) {
        crossings.append(crossing)
      }
    }
    return crossings
  }

  /// Adds an event of the group whose values `strings` gives (fingerprinted `key`) at `time`, with the values of
  /// `cardinalityField`, and returns the crossing when the group reaches the threshold.
  private mutating func observe(
    _ key: Fingerprint, at time: Int64, event: Event, cardinalityField: FieldID?, strings: () -> [String]
  ) -> Crossing? {
    if keepsNoBuckets {
      return Crossing(key: strings(), count: 1, first: time, last: time, distinct: nil)
    }
    var bucket = buckets.removeValue(forKey: key) ?? Bucket(key: strings())
    bucket.expire(before: time - windowNanoseconds)
    bucket.times.append(time)
    if let cardinalityField {
      Fingerprint.forEachKeywordValue(of: cardinalityField, in: event) { bucket.add(time, value: $0) }
    }
    let distinct = cardinality == nil ? nil : bucket.distinct.count
    if bucket.count >= value, distinct.map({ $0 >= cardinality! }) ?? true {
      return Crossing(key: bucket.key, count: bucket.count, first: bucket.earliest, last: time, distinct: distinct)
    }
    buckets[key] = bucket
    observations += 1
    if observations % 4096 == 0 || buckets.count > capacity { sweep(now: time) }
    return nil
  }

  private mutating func sweep(now: Int64) {
    buckets = buckets.filter { ($0.value.latest ?? .min) >= now - windowNanoseconds }
    guard buckets.count > capacity else { return }
    let keep = buckets.sorted { ($0.value.latest ?? 0) > ($1.value.latest ?? 0) }.prefix(capacity * 3 / 4)
    evictions += buckets.count - keep.count
    buckets = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
  }
}
