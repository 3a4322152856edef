import VigilEvents
import VigilQuery

/// Finds the sequences of a lowered EQL `sequence` in events given in timestamp order (ties in input order), with
/// Elasticsearch's rules:
///
/// - events join when their `by` key values are equal, text byte for byte (a missing required key keeps the event
///   out; a missing `?optional` key joins as `null`); a multi-valued key joins on each of its values (the event is
///   taken once per combination of its key fields' values);
/// - each event is tried against the last step first, so one event never fills two steps of one sequence;
/// - per key and step only the most recent partial sequence survives: when an event extends step *n*, it takes the
///   partial sequence that reached step *n − 1* last, and older ones there are dropped (Elasticsearch's
///   `SequenceGroup.trimBefore`);
/// - `with maxspan` bounds the time from the first to the last event (inclusive); an `until` event drops the key's
///   partial sequences (not one it extends itself); `with runs=N` repeats a step N times;
/// - a missing event (`![…]`) rejects a sequence when an event with the same keys matches it in its place: between
///   its neighbours, within `maxspan` before the last event (leading), or up to `maxspan` after the first event
///   (trailing); with both a leading and a trailing missing step, only both events together, within `maxspan` of
///   each other, reject it. A sequence that ends with a missing event is reported once `maxspan` has passed (or at
///   ``finish()``);
/// - state is bounded: each stage keeps at most ``Limits/maximumPartialsPerStage`` partial sequences (the oldest
///   stored is evicted first), and beyond ``Limits/maximumPartials`` in all the least recently extended ones are
///   evicted; evictions are counted in ``statistics``.
public struct EQLSequenceMatcher {
  /// Bounds on the state kept between events.
  public struct Limits: Sendable {
    /// The most partial sequences kept (over all keys and steps), sequences waiting on a trailing missing event
    /// included.
    public var maximumPartials: Int
    /// The most partial sequences kept at each stage (the sequences that have reached that step, one per join key;
    /// complete sequences waiting on a trailing missing event count as the last stage). When a stage is full, its
    /// oldest partial sequence is evicted.
    public var maximumPartialsPerStage: Int

    /// The default per-stage limit.
    public static let defaultMaximumPartialsPerStage = 10_000

    /// Limits with the default per-stage limit (``defaultMaximumPartialsPerStage``).
    public init(maximumPartials: Int = 100_000) {
      self.init(maximumPartials: maximumPartials, maximumPartialsPerStage: Self.defaultMaximumPartialsPerStage)
    }

    public init(maximumPartials: Int = 100_000, maximumPartialsPerStage: Int) {
      self.maximumPartials = maximumPartials
      self.maximumPartialsPerStage = maximumPartialsPerStage
    }
  }

  /// What happened to partial sequences.
  public struct Statistics: Sendable, Equatable {
    /// Partial sequences dropped to stay within ``Limits/maximumPartials`` or ``Limits/maximumPartialsPerStage``.
    public var evictions = 0
    /// Partial sequences dropped because `maxspan` passed.
    public var expirations = 0
    /// Partial sequences dropped by an `until` event.
    public var untilDrops = 0
    /// Sequences rejected because a missing event (`![…]`) occurred.
    public var missingEventRejections = 0
    /// Events skipped because they have no `@timestamp`.
    public var eventsWithoutTimestamp = 0
    /// Sequences completed.
    public var matches = 0

    public init() {}
  }

  /// A step as the matcher runs it. A value, so that a matcher's stages lie together in one buffer: every event reads
  /// each stage's ``rule``.
  struct Stage {
    /// The position of the stage's predicate in its matcher's ``EQLStepPrograms``.
    let rule: Int
    let keys: [FieldID]
    let keyIsOptional: [Bool]
    /// The position of the stage's key fields among its matcher's distinct key field lists: stages with the same
    /// fields share the join key read from an event.
    let keyGroup: Int

    init(_ step: EQLLoweredStep, rule: Int, keyGroup: Int = 0) {
      self.rule = rule
      keys = step.keys.map(\.id)
      keyIsOptional = step.keyIsOptional
      self.keyGroup = keyGroup
    }
  }

  struct Partial {
    /// The first event and those after it: the first apart, so that starting a partial sequence (most never grow)
    /// allocates nothing.
    var first: Int
    var later: [Int] = []
    var start: Int64
    var last: Int64
    /// The matcher's clock when the last event was added.
    var lastOrdinal: Int
    /// The time of the latest leading missing event before the first event.
    var leadingMissing: Int64?
  }

  // Stored properties that every event reads come first, so that they share few cache lines.

  /// The positive steps, `runs` expanded.
  let stages: [Stage]
  /// The bits of ``stepPredicates(of:)`` that belong to positive steps, and to missing-event steps: an event that
  /// holds none of one kind is not tried against those steps.
  let positiveSteps: UInt64
  let missingSteps: UInt64
  let until: Stage?
  /// `maxspan` in nanoseconds.
  let maxspan: Int64?
  /// The field whose date orders events and measures `maxspan` (`nil`: `@timestamp`).
  let timestampField: FieldID?
  var clock = 0
  var lastSweep: Int64 = .min
  var partialCount = 0
  var awaitingCount = 0
  /// Whether the last event ``process(_:id:)`` took is part of a partial sequence kept for later (so its caller must
  /// keep what it needs of the event, where an event no partial holds can be forgotten).
  public private(set) var holdsLastEvent = false
  /// Partial sequences that completed step `index`, by join key.
  var pending: [[JoinKey: Partial]]
  /// The current event's join keys, by key group (``Stage/keyGroup``): the matcher's own, or shared with others.
  let joinKeys: EQLJoinKeys
  /// Whether ``joinKeys`` is the matcher's own, so that it starts each event there itself.
  let ownsJoinKeys: Bool
  /// The missing-event steps in each gap: `gaps[i]` comes before `stages[i]`; the last gap trails.
  let gaps: [[Stage]]
  /// The latest missing event of each gap, by join key: its time and the clock.
  var lastMissing: [[JoinKey: (time: Int64, ordinal: Int)]]
  /// Complete sequences waiting for their trailing missing-event window to pass, by join key.
  var awaiting: [JoinKey: [Partial]] = [:]
  /// Each stage's partial sequences in storage order (`pending`'s stages, then `awaiting`), for per-stage eviction.
  var queues: [StageQueue]
  /// How many placeholders each gap contributes to a match's events (`runs` counted).
  let gapSlots: [Int]
  let limits: Limits
  public private(set) var statistics = Statistics()
  private let stepPredicates: [Predicate]
  /// The predicates of every step and of `until`, for events given without their results; compiled when first
  /// needed, as a scan gives every event's results instead.
  lazy var steps = EQLStepPrograms(stepPredicates)

  /// Why the matcher cannot run `sequence`, or `nil` when it can.
  public static func unsupportedReason(_ sequence: EQLLoweredSequence) -> String? {
    sequence.steps.contains { !$0.isMissing } ? nil : "a sequence needs at least one step that is not a missing event"
  }

  /// A matcher for `sequence`, which must be supported (see ``unsupportedReason(_:)``).
  ///
  /// - Parameters:
  ///   - timestampField: the rule's timestamp field when it is not `@timestamp` (it must be decoded); events where
  ///     it has no date fall back to `@timestamp`. Events must be given in the order of this time.
  ///   - sharedJoinKeys: join keys shared with the other matchers of a scan, whose owner starts each event there
  ///     (``EQLJoinKeys/startEvent()``) before giving it to any matcher; `nil` for keys of the matcher's own.
  public init(
    _ sequence: EQLLoweredSequence, limits: Limits = Limits(), timestampField: FieldID? = nil,
    sharedJoinKeys: EQLJoinKeys? = nil
  ) {
    self.timestampField = timestampField
    let joinKeys = sharedJoinKeys ?? EQLJoinKeys()
    self.joinKeys = joinKeys
    ownsJoinKeys = sharedJoinKeys == nil
    var stages: [Stage] = []
    var gaps: [[Stage]] = [[]]
    var gapSlots = [0]
    func stage(_ step: EQLLoweredStep, rule: Int) -> Stage {
      Stage(step, rule: rule, keyGroup: joinKeys.group(fields: step.keys.map(\.id), optional: step.keyIsOptional))
    }
    for (position, step) in sequence.steps.enumerated() {
      let stage = stage(step, rule: position)
      let runs = max(step.runs, 1)
      if step.isMissing {
        gaps[gaps.count - 1].append(stage)
        gapSlots[gapSlots.count - 1] += runs
      } else {
        for _ in 0..<runs {
          stages.append(stage)
          gaps.append([])
          gapSlots.append(0)
        }
      }
    }
    self.stages = stages
    self.gaps = gaps
    self.gapSlots = gapSlots
    until = sequence.until.map { stage($0, rule: sequence.steps.count) }
    positiveSteps = stages.reduce(0) { $0 | 1 << UInt64($1.rule) }
    missingSteps = gaps.joined().reduce(0) { $0 | 1 << UInt64($1.rule) }
    stepPredicates = Self.stepPredicates(of: sequence)
    maxspan = sequence.maxspanMilliseconds.map {
      $0.multipliedReportingOverflow(by: 1_000_000).overflow ? .max : $0 * 1_000_000
    }
    self.limits = limits
    pending = Array(repeating: [:], count: max(stages.count - 1, 0))
    queues = Array(repeating: StageQueue(), count: max(stages.count - 1, 0) + 1)
    lastMissing = Array(repeating: [:], count: gaps.count)
  }

  /// The predicates of a sequence's steps, in the order of the bits of ``process(_:id:stepsHeld:)``'s `stepsHeld`:
  /// each step as written (missing ones included, `runs` not expanded), then `until`.
  public static func stepPredicates(of sequence: EQLLoweredSequence) -> [Predicate] {
    sequence.steps.map(\.predicate) + (sequence.until.map { [$0.predicate] } ?? [])
  }

  /// The partial sequences currently kept (sequences waiting on a trailing missing event included).
  public var partialSequences: Int { partialCount + awaitingCount }

  /// Feeds the next event (in timestamp order) and returns the sequences completed so far. `id` is the caller's
  /// handle for the event, reported back in ``EQLSequenceMatch/events``.
  public mutating func process(_ event: Event, id: Int) -> [EQLSequenceMatch] {
    steps.begin()
    return advance(event, id: id, stepsHeld: nil)
  }

  /// Feeds the next event as ``process(_:id:)`` does, with its steps already evaluated: bit `i` of `stepsHeld` is
  /// set when the event satisfies predicate `i` of ``stepPredicates(of:)`` (a scan evaluates them with every other
  /// rule's tests, sharing their results).
  ///
  /// `time`, when given, is the event's time by the matcher's timestamp field (as `Event.timestamp(override:)` reads
  /// it): a caller that has it saves parsing the date again.
  public mutating func process(_ event: Event, id: Int, stepsHeld: UInt64, time: Int64? = nil) -> [EQLSequenceMatch] {
    advance(event, id: id, stepsHeld: stepsHeld, time: time)
  }

  /// Whether `event` satisfies `stage`'s predicate: read from the bits given, else evaluated.
  private mutating func holds(_ stage: Stage, _ event: Event, _ stepsHeld: UInt64?) -> Bool {
    if let stepsHeld { return stepsHeld >> UInt64(stage.rule) & 1 == 1 }
    return steps.holds(stage, event)
  }

  /// Whether the event may satisfy a step of `steps` (bits of `stepsHeld`): when its results are not given, it may.
  private func mayHold(_ steps: UInt64, _ stepsHeld: UInt64?) -> Bool {
    stepsHeld.map { $0 & steps != 0 } ?? true
  }

  /// Feeds the next event; `stepsHeld`, when given, holds its step results (else they are evaluated).
  private mutating func advance(_ event: Event, id: Int, stepsHeld: UInt64?, time: Int64? = nil) -> [EQLSequenceMatch] {
    guard let timestamp = time ?? event.timestamp(override: timestampField) else {
      statistics.eventsWithoutTimestamp += 1
      return []
    }
    clock += 1
    if ownsJoinKeys { joinKeys.startEvent() }
    holdsLastEvent = false
    var completed = releaseAwaiting(before: timestamp)
    sweepExpired(now: timestamp)
    // An event that holds no positive step passes none of them (a loop-invariant test, made once).
    let positiveStages = mayHold(positiveSteps, stepsHeld) ? stages.count : 0
    for index in stride(from: positiveStages - 1, through: 0, by: -1) {
      // A later stage advances only a partial sequence waiting before it: without one, its join key is not read.
      if index > 0, pending[index - 1].isEmpty { continue }
      guard holds(stages[index], event, stepsHeld) else { continue }
      for key in eventKeys(stages[index], event) {
        advance(stage: index, key: key, id: id, timestamp: timestamp, completing: &completed)
      }
    }
    recordMissing(event, timestamp, stepsHeld)
    applyUntil(event, stepsHeld)
    return completed
  }

  /// Takes the event (`id`, at `timestamp`) at stage `index` for one of its join keys: starts a partial sequence,
  /// extends one, or completes one (appended to `completed`).
  private mutating func advance(
    stage index: Int, key: JoinKey, id: Int, timestamp: Int64, completing completed: inout [EQLSequenceMatch]
  ) {
    var partial: Partial
    if index == 0 {
      partial = Partial(
        first: id, start: timestamp, last: timestamp, lastOrdinal: clock, leadingMissing: lastMissing[0][key]?.time)
    } else {
      guard let previous = pending[index - 1].removeValue(forKey: key) else { return }
      partialCount -= 1
      partial = previous
      if let maxspan, timestamp - partial.start > maxspan {
        statistics.expirations += 1
        return
      }
      if let missing = lastMissing[index][key], missing.ordinal > partial.lastOrdinal {
        statistics.missingEventRejections += 1
        return
      }
      partial.later.append(id)
      partial.last = timestamp
      partial.lastOrdinal = clock
    }
    if index < stages.count - 1 {
      store(partial, at: index, key: key)
      holdsLastEvent = true
      return
    }
    // A leading missing event counts within maxspan before the last event.
    if let leading = partial.leadingMissing, maxspan.map({ leading < partial.last - $0 }) ?? false {
      partial.leadingMissing = nil
    }
    if partial.leadingMissing != nil, !gaps[0].isEmpty, gaps[stages.count].isEmpty {
      statistics.missingEventRejections += 1
      return
    }
    if gaps[stages.count].isEmpty {
      statistics.matches += 1
      completed.append(match(partial, key: key))
    } else {
      awaiting[key, default: []].append(partial)
      awaitingCount += 1
      holdsLastEvent = true
      queues[pending.count].append(key, ordinal: partial.lastOrdinal)
      if awaitingCount > limits.maximumPartialsPerStage { evictOldestAwaiting() }
      if partialSequences > limits.maximumPartials { evict() }
    }
  }

  /// `until`: drops the key's partial sequences whose last event came before this one (Elasticsearch rejects a
  /// sequence when an `until` event falls between its last event and the next).
  private mutating func applyUntil(_ event: Event, _ stepsHeld: UInt64?) {
    guard let until, holds(until, event, stepsHeld) else { return }
    for key in eventKeys(until, event) {
      for index in pending.indices {
        guard let partial = pending[index][key], partial.lastOrdinal < clock else { continue }
        pending[index][key] = nil
        partialCount -= 1
        statistics.untilDrops += 1
      }
    }
  }

  /// Reports the sequences still waiting on a trailing missing event: call at the end of the input.
  public mutating func finish() -> [EQLSequenceMatch] {
    releaseAwaiting(before: .max)
  }

  private func match(_ partial: Partial, key: JoinKey) -> EQLSequenceMatch {
    var events: [Int?] = Array(repeating: nil, count: gapSlots[0])
    for (index, id) in ([partial.first] + partial.later).enumerated() {
      events.append(id)
      events += Array(repeating: nil, count: gapSlots[index + 1])
    }
    return EQLSequenceMatch(joinKeys: key.values, events: events, startTimestamp: partial.start)
  }

  /// Notes the missing-event steps this event matches, and rejects waiting sequences it falls after.
  private mutating func recordMissing(_ event: Event, _ timestamp: Int64, _ stepsHeld: UInt64?) {
    guard mayHold(missingSteps, stepsHeld) else { return }
    let trailing = gaps.count - 1
    for (gap, stages) in gaps.enumerated() {
      // A trailing missing event matters only to sequences waiting for their window to pass; a middle one only to
      // partial sequences kept before it (a later partial has a later ordinal). Without those, it is not looked for.
      if gap == trailing ? awaitingCount == 0 : gap > 0 && pending[gap - 1].isEmpty { continue }
      for stage in stages where holds(stage, event, stepsHeld) {
        for key in eventKeys(stage, event) { noteMissing(key, gap: gap, trailing: trailing, at: timestamp) }
      }
    }
  }

  /// Notes a missing event with `key` in `gap` at `timestamp`, rejecting the waiting sequences it falls after.
  private mutating func noteMissing(_ key: JoinKey, gap: Int, trailing: Int, at timestamp: Int64) {
    // The trailing gap's records are never read: `awaiting` is filtered right here.
    guard gap == trailing else {
      lastMissing[gap][key] = (timestamp, clock)
      return
    }
    guard let waiting = awaiting[key] else { return }
    // With both a leading and a trailing missing step, Elasticsearch rejects a sequence only when both are filled
    // within maxspan of each other (its leadingAndTrailingExcluded tests).
    let needsLeading = !gaps[0].isEmpty
    let kept = waiting.filter { partial in
      if partial.lastOrdinal >= clock || (maxspan.map { timestamp > partial.start &+ $0 } ?? false) {
        return true
      }
      guard needsLeading else { return false }
      guard let leading = partial.leadingMissing else { return true }
      return maxspan.map { timestamp - leading > $0 } ?? false
    }
    statistics.missingEventRejections += waiting.count - kept.count
    awaitingCount -= waiting.count - kept.count
    awaiting[key] = kept.isEmpty ? nil : kept
  }

  /// Completes the waiting sequences whose trailing window ended before `time`.
  private mutating func releaseAwaiting(before time: Int64) -> [EQLSequenceMatch] {
    guard awaitingCount > 0 else { return [] }
    var released: [EQLSequenceMatch] = []
    for (key, waiting) in awaiting {
      var kept: [Partial] = []
      for partial in waiting {
        let end = maxspan.map { partial.start.addingReportingOverflow($0).overflow ? .max : partial.start + $0 }
        if time == .max || (end.map { $0 < time } ?? false) {
          released.append(match(partial, key: key))
        } else {
          kept.append(partial)
        }
      }
      awaitingCount -= waiting.count - kept.count
      awaiting[key] = kept.isEmpty ? nil : kept
    }
    statistics.matches += released.count
    released.sort { ($0.start.timestamp, $0.start.id) < ($1.start.timestamp, $1.start.id) }
    return released
  }

  private mutating func store(_ partial: Partial, at index: Int, key: JoinKey) {
    if pending[index].updateValue(partial, forKey: key) == nil { partialCount += 1 }
    queues[index].append(key, ordinal: partial.lastOrdinal)
    if pending[index].count > limits.maximumPartialsPerStage { evictOldest(at: index) }
    let table = pending[index]
    queues[index].compact(live: table.count) { table[$0.key]?.lastOrdinal == $0.ordinal }
    if partialSequences > limits.maximumPartials { evict() }
  }

  /// Evicts the oldest partial sequences of a full stage until it holds ``Limits/maximumPartialsPerStage``.
  private mutating func evictOldest(at index: Int) {
    while pending[index].count > max(limits.maximumPartialsPerStage, 0) {
      let table = pending[index]
      guard let oldest = queues[index].popOldest(isLive: { table[$0.key]?.lastOrdinal == $0.ordinal }) else { return }
      pending[index][oldest.key] = nil
      partialCount -= 1
      statistics.evictions += 1
    }
  }

  /// Evicts the oldest sequences waiting on a trailing missing event beyond ``Limits/maximumPartialsPerStage``.
  private mutating func evictOldestAwaiting() {
    let stage = pending.count
    while awaitingCount > max(limits.maximumPartialsPerStage, 0) {
      let waiting = awaiting
      let isLive: (StageQueue.Entry) -> Bool = { entry in
        waiting[entry.key]?.contains { $0.lastOrdinal == entry.ordinal } ?? false
      }
      guard let oldest = queues[stage].popOldest(isLive: isLive) else { return }
      var kept = awaiting[oldest.key] ?? []
      kept.removeAll { $0.lastOrdinal == oldest.ordinal }
      awaiting[oldest.key] = kept.isEmpty ? nil : kept
      awaitingCount -= 1
      statistics.evictions += 1
    }
    let waiting = awaiting
    queues[stage].compact(live: awaitingCount) { entry in
      waiting[entry.key]?.contains { $0.lastOrdinal == entry.ordinal } ?? false
    }
  }

  /// Drops the least recently extended quarter of the partial sequences (at least one).
  private mutating func evict() {
    var ages: [Int] = []
    ages.reserveCapacity(partialSequences)
    for table in pending { for partial in table.values { ages.append(partial.lastOrdinal) } }
    for waiting in awaiting.values { for partial in waiting { ages.append(partial.lastOrdinal) } }
    ages.sort()
    let cutoff = ages[max(ages.count / 4, 1) - 1]
    for index in pending.indices {
      let before = pending[index].count
      pending[index] = pending[index].filter { $0.value.lastOrdinal > cutoff }
      let dropped = before - pending[index].count
      partialCount -= dropped
      statistics.evictions += dropped
    }
    for (key, waiting) in awaiting {
      let kept = waiting.filter { $0.lastOrdinal > cutoff }
      awaitingCount -= waiting.count - kept.count
      statistics.evictions += waiting.count - kept.count
      awaiting[key] = kept.isEmpty ? nil : kept
    }
  }

  /// Drops partial sequences whose `maxspan` has passed, and missing events too old to matter, at most once per
  /// `maxspan` of event time.
  private mutating func sweepExpired(now: Int64) {
    guard let maxspan else { return }
    let (next, overflow) = lastSweep.addingReportingOverflow(maxspan)
    if !overflow, now < next { return }
    lastSweep = now
    // Expired entries are removed in place: most sweeps find few, and rebuilding the tables would copy them all.
    for index in pending.indices {
      let expired = pending[index].compactMap { now - $0.value.start > maxspan ? $0.key : nil }
      for key in expired { pending[index][key] = nil }
      partialCount -= expired.count
      statistics.expirations += expired.count
    }
    // A leading missing event matters only within maxspan of the sequence's last event; inner ones are kept while
    // a partial sequence could still need them, which is also bounded by maxspan.
    for gap in lastMissing.indices {
      let expired = lastMissing[gap].compactMap { now - $0.value.time > maxspan ? $0.key : nil }
      for key in expired { lastMissing[gap][key] = nil }
    }
  }

  /// The current event's join keys for `stage` (see ``JoinKey``), read once for all stages of its key group.
  private func eventKeys(_ stage: Stage, _ event: Event) -> ArraySlice<JoinKey> {
    joinKeys.keys(stage, event)
  }
}
