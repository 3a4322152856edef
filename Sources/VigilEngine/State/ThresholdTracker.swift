/// The open buckets of a `threshold` rule: for each group of field values, the events of the look-back window.
/// A bucket that reaches the threshold alerts once and starts over, so later alerts need new events of their own,
/// as Kibana's signal history ensures.
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

  private struct Bucket {
    var times: [Int64] = []
    var values: [(time: Int64, value: String)] = []
  }

  let windowNanoseconds: Int64
  let value: Int
  let cardinality: Int?
  let capacity: Int
  private var buckets: [[String]: Bucket] = [:]
  private var observations = 0
  private(set) var evictions = 0

  init(windowSeconds: Int64, value: Int, cardinality: Int?, capacity: Int) {
    windowNanoseconds = windowSeconds * 1_000_000_000
    self.value = value
    self.cardinality = cardinality
    self.capacity = capacity
  }

  /// Adds an event of group `key` at `time` (with its cardinality-field values) and returns the crossing when the
  /// group reaches the threshold.
  mutating func observe(key: [String], at time: Int64, cardinalityValues: [String]) -> Crossing? {
    var bucket = buckets[key] ?? Bucket()
    let start = time - windowNanoseconds
    bucket.times.removeAll { $0 < start }
    bucket.values.removeAll { $0.time < start }
    bucket.times.append(time)
    for value in cardinalityValues { bucket.values.append((time, value)) }
    let distinct = cardinality == nil ? nil : Set(bucket.values.map(\.value)).count
    if bucket.times.count >= value, distinct.map({ $0 >= cardinality! }) ?? true {
      buckets[key] = nil
      return Crossing(
        key: key, count: bucket.times.count, first: bucket.times.min()!, last: bucket.times.max()!, distinct: distinct)
    }
    buckets[key] = bucket
    observations += 1
    if observations % 4096 == 0 || buckets.count > capacity { sweep(now: time) }
    return nil
  }

  private mutating func sweep(now: Int64) {
    buckets = buckets.filter { ($0.value.times.last ?? .min) >= now - windowNanoseconds }
    guard buckets.count > capacity else { return }
    let keep = buckets.sorted { ($0.value.times.last ?? 0) > ($1.value.times.last ?? 0) }.prefix(capacity * 3 / 4)
    evictions += buckets.count - keep.count
    buckets = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
  }
}
