import VigilEvents
import VigilQuery

/// Finds the sequences of a lowered EQL `sequence` in events given in timestamp order (ties in input order), with
/// Elasticsearch's rules:
///
/// - events join when their `by` key values are equal (a missing required key keeps the event out; a missing
///   `?optional` key joins as `null`); a multi-valued key takes its first value;
/// - each event is tried against the last step first, so one event never fills two steps of one sequence;
/// - per key and step only the most recent partial sequence survives: when an event extends step *n*, it takes the
///   partial sequence that reached step *n − 1* last, and older ones there are dropped (Elasticsearch's
///   `SequenceGroup.trimBefore`);
/// - `with maxspan` bounds the time from the first to the last event (inclusive); `until` drops the key's partial
///   sequences; `with runs=N` repeats a step N times;
/// - state is bounded: beyond ``Limits/maximumPartials`` the least recently extended partial sequences are evicted,
///   and counted in ``statistics``.
///
/// Missing events (`![…]`) are not supported yet: see ``unsupportedReason(_:)``.
public struct EQLSequenceMatcher {
  /// Bounds on the state kept between events.
  public struct Limits: Sendable {
    /// The most partial sequences kept (over all keys and steps).
    public var maximumPartials: Int

    public init(maximumPartials: Int = 100_000) {
      self.maximumPartials = maximumPartials
    }
  }

  /// What happened to partial sequences.
  public struct Statistics: Sendable, Equatable {
    /// Partial sequences dropped to stay within ``Limits/maximumPartials``.
    public var evictions = 0
    /// Partial sequences dropped because `maxspan` passed.
    public var expirations = 0
    /// Partial sequences dropped by an `until` event.
    public var untilDrops = 0
    /// Events skipped because they have no `@timestamp`.
    public var eventsWithoutTimestamp = 0
    /// Sequences completed.
    public var matches = 0

    public init() {}
  }

  struct Stage {
    var program: PredicateProgram
    var keys: [FieldID]
    var keyIsOptional: [Bool]

    init(_ step: EQLLoweredStep) {
      program = PredicateProgram(step.predicate)
      keys = step.keys.map(\.id)
      keyIsOptional = step.keyIsOptional
    }
  }

  struct Partial {
    var events: [Int]
    var start: Int64
    var touched: Int
  }

  let stages: [Stage]
  let until: Stage?
  /// `maxspan` in nanoseconds.
  let maxspan: Int64?
  let limits: Limits
  /// Partial sequences that completed step `index`, by join key.
  var pending: [[[ScalarValue]: Partial]]
  var partialCount = 0
  var clock = 0
  var lastSweep: Int64 = .min
  public private(set) var statistics = Statistics()

  /// Why the matcher cannot run `sequence`, or `nil` when it can.
  public static func unsupportedReason(_ sequence: EQLLoweredSequence) -> String? {
    if sequence.steps.contains(where: \.isMissing) { return "missing events (![…]) in sequences are not supported yet" }
    return nil
  }

  /// A matcher for `sequence`, which must be supported (see ``unsupportedReason(_:)``).
  public init(_ sequence: EQLLoweredSequence, limits: Limits = Limits()) {
    var stages: [Stage] = []
    for step in sequence.steps {
      let stage = Stage(step)
      for _ in 0..<max(step.runs, 1) { stages.append(stage) }
    }
    self.stages = stages
    until = sequence.until.map(Stage.init)
    maxspan = sequence.maxspanMilliseconds.map { $0.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : $0 * 1_000_000 }
    self.limits = limits
    pending = Array(repeating: [:], count: max(stages.count - 1, 0))
  }

  /// The partial sequences currently kept.
  public var partialSequences: Int { partialCount }

  /// Feeds the next event (in timestamp order) and returns the sequences it completes. `id` is the caller's handle
  /// for the event, reported back in ``EQLSequenceMatch/events``.
  public mutating func process(_ event: Event, id: Int) -> [EQLSequenceMatch] {
    guard let timestamp = event.timestamp else {
      statistics.eventsWithoutTimestamp += 1
      return []
    }
    clock += 1
    sweepExpired(now: timestamp)
    if let until, until.program.evaluate(event), let key = Self.key(until, event) {
      for index in pending.indices {
        if pending[index].removeValue(forKey: key) != nil {
          partialCount -= 1
          statistics.untilDrops += 1
        }
      }
    }
    var completed: [EQLSequenceMatch] = []
    for index in stride(from: stages.count - 1, through: 0, by: -1) {
      let stage = stages[index]
      guard stage.program.evaluate(event), let key = Self.key(stage, event) else { continue }
      if index == 0 {
        store(Partial(events: [id], start: timestamp, touched: clock), at: 0, key: key)
        continue
      }
      guard var partial = pending[index - 1].removeValue(forKey: key) else { continue }
      partialCount -= 1
      if let maxspan, timestamp - partial.start > maxspan {
        statistics.expirations += 1
        continue
      }
      partial.events.append(id)
      partial.touched = clock
      if index == stages.count - 1 {
        statistics.matches += 1
        completed.append(EQLSequenceMatch(joinKeys: key, events: partial.events, startTimestamp: partial.start))
      } else {
        store(partial, at: index, key: key)
      }
    }
    return completed
  }

  private mutating func store(_ partial: Partial, at index: Int, key: [ScalarValue]) {
    if pending[index].updateValue(partial, forKey: key) == nil { partialCount += 1 }
    if partialCount > limits.maximumPartials { evict() }
  }

  /// Drops the least recently extended quarter of the partial sequences (at least one).
  private mutating func evict() {
    var ages: [Int] = []
    ages.reserveCapacity(partialCount)
    for table in pending { for partial in table.values { ages.append(partial.touched) } }
    ages.sort()
    let cutoff = ages[max(ages.count / 4, 1) - 1]
    for index in pending.indices {
      let before = pending[index].count
      pending[index] = pending[index].filter { $0.value.touched > cutoff }
      let dropped = before - pending[index].count
      partialCount -= dropped
      statistics.evictions += dropped
    }
  }

  /// Drops partial sequences whose `maxspan` has passed, at most once per `maxspan` of event time.
  private mutating func sweepExpired(now: Int64) {
    guard let maxspan, partialCount > 0 else { return }
    let (next, overflow) = lastSweep.addingReportingOverflow(maxspan)
    if !overflow, now < next { return }
    lastSweep = now
    for index in pending.indices {
      let before = pending[index].count
      pending[index] = pending[index].filter { now - $0.value.start <= maxspan }
      let dropped = before - pending[index].count
      partialCount -= dropped
      statistics.expirations += dropped
    }
  }

  /// The event's join key for a stage: each key field's first non-null value; `nil` when a required key is missing.
  static func key(_ stage: Stage, _ event: Event) -> [ScalarValue]? {
    var key: [ScalarValue] = []
    key.reserveCapacity(stage.keys.count)
    for (position, field) in stage.keys.enumerated() {
      var value = ScalarValue.null
      for candidate in event.values(field) where !candidate.isNull {
        value = scalar(candidate, event)
        break
      }
      if value.isNull, !stage.keyIsOptional[position] { return nil }
      key.append(value)
    }
    return key
  }

  static func scalar(_ value: Value, _ event: Event) -> ScalarValue {
    switch value {
    case .null: .null
    case .bool(let bool): .bool(bool)
    case .int(let int): .int(int)
    case .double(let double): .double(double)
    case .string(let span), .number(let span), .object(let span): .string(String(decoding: event.bytes(span), as: UTF8.self))
    }
  }
}
