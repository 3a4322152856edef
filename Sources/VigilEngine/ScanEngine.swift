import VigilEQL
import VigilESQL
import VigilEvents
import VigilQuery
import VigilRules

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a compiled rule set over events in stream mode: each event is evaluated once, in the order given (or in
/// `@timestamp` order within ``reorderWindowSeconds``), against the rules whose index patterns cover it. Query rules alert on each match; new-terms
/// and threshold rules keep their state over event time (their timestamp override, else `@timestamp`).
public final class ScanEngine {
  public let ruleSet: CompiledRuleSet
  /// The index of events that carry none (`--index`); `nil` lets every rule see them.
  public let defaultIndex: String?
  public private(set) var statistics = ScanStatistics()
  /// Most value combinations or buckets a stateful rule keeps; past it the oldest are evicted and counted.
  public let stateCapacity: Int
  /// Most partial sequences an EQL sequence rule keeps; beyond it the oldest are evicted and counted.
  static let sequencePartialCapacity = 10_000
  /// Most join key values an EQL sample rule keeps in each window; beyond it the least recently seen are evicted and
  /// counted. Larger than for sequences: a window holds minutes of events, not a `maxspan`.
  static let sampleKeyCapacity = 100_000
  /// Most event documents kept for EQL sequences still in progress, all rules together.
  static let sequenceDocumentCapacity = 100_000
  /// The ids of the alerts written, as 128-bit fingerprints (a tenth of the memory of the 64-character ids).
  private var seenAlerts: Set<Fingerprint> = []
  /// Finds the rules each event matches.
  private var matcher: RuleMatcher
  /// The router index behind the matcher.
  public var router: RuleRouter { matcher.router }
  /// Time and matches per rule, by position, when the scan is profiled (`--profile-rules`).
  public private(set) var profile: [RuleProfile]?
  /// In a profiled scan, the time spent on the tests many rules require, evaluated once per event before the rules
  /// (``RuleMatcher/evaluateSharedTests(_:)``), nanoseconds.
  public private(set) var sharedTestNanoseconds: Int64 = 0
  // Each stateful rule's state, by rule position, created up front and mutated in place (taking a state out of a
  // collection to change it would copy its tables on every event).
  private var newTerms: [NewTermsTracker?]
  private var thresholds: [ThresholdTracker?]
  private var sequences: [SequenceState?]
  /// The join keys of the event being executed, read once for all sequence rules that join on the same fields.
  private let sequenceJoinKeys: EQLJoinKeys
  private var sequenceDocuments = SequenceDocumentStore(capacity: ScanEngine.sequenceDocumentCapacity)
  private var esqlWindows: [ESQLWindowState?]
  private var samples: [SampleWindowState?]
  /// The positions of the rules with scheduled windows (aggregating ES|QL and EQL samples).
  private let windowedRules: [Int]
  /// The alert suppression of each rule that has one (`alert_suppression`), by position, and those positions.
  private var suppressors: [AlertSuppressor?]
  private let suppressingRules: [Int]
  /// The latest time given to ``advanceTime(to:emit:)``.
  private var advancedTime: Int64?
  /// Prepares the events this engine matches itself (``process(_:emit:)``).
  private var preparer: MatchPreparer
  private var preparedScratch: [PreparedMatch] = []
  /// The current event's field values for the ES|QL rules that feed it to each window apart (their streaming
  /// commands read `NOW()`), made once for all of them; of event number `esqlEvent`.
  private var esqlFields = ESQLFieldCache()
  private var esqlEvent = 0
  /// Each rule's `max_signals` budget for the current `interval` of event time.
  private var budgets: [SignalBudget]
  /// How far back in event time an event may arrive and still be run in time order (0: input order).
  public let reorderWindowSeconds: Int64
  /// Matched events waiting for their turn in time order, with the rules they matched.
  private var pending: TimeOrderBuffer<PendingEvent>?
  private var matchedScratch: [RuleMatch] = []
  /// The executed event's times by timestamp override.
  private var times = EventTimes()
  private var executedEvents = 0

  /// Makes what a held event keeps, when the caller did not.
  private var heldTexts: HeldEventTextMaker
  /// What the engine reads of a rule on each of its matches, by rule position, in one small array: the rules'
  /// ``CompiledRule`` objects lie far apart, and reading one cost a cache miss per match, though most matches of a
  /// corpus scan end at a spent `max_signals` budget; switching on a rule's execution also copied (retained) its
  /// payload.
  private let ruleShapes: [RuleShape]
  private struct RuleShape {
    /// The rule's ``CompiledRule/timestampOverride``.
    let timestampOverride: FieldID?
    /// Whether the rule alerts on each matching event (``RuleExecution/eachEvent``) without suppressing alerts: each
    /// match then spends from its `max_signals` budget (a suppressed candidate spends nothing).
    let alertsOnEachEvent: Bool
    /// Whether a held event is added to the rule's windows as it is read
    /// (``runOnArrival(_:matched:prepared:knownTime:emit:)``): an aggregating ES|QL rule.
    let aggregatesOnArrival: Bool

    init(_ compiled: CompiledRule) {
      timestampOverride = compiled.timestampOverride
      if case .eachEvent = compiled.execution, compiled.rule.alertSuppression == nil {
        alertsOnEachEvent = true
      } else {
        alertsOnEachEvent = false
      }
      if case .esqlWindows = compiled.execution { aggregatesOnArrival = true } else { aggregatesOnArrival = false }
    }
  }
  /// The event released from the reorder buffer whose turn it is, its buffers reused from one to the next.
  private var releasedEvent = Event()
  /// The lists of matches and prepared results of events that had their turn, emptied for held events to reuse:
  /// a held event allocated two lists, now taken from here.
  private var spareMatchLists: [[RuleMatch]] = []
  private var sparePreparedLists: [[PreparedMatch]] = []
  /// Most spare lists kept of each kind; one suffices when events are released as others arrive.
  static let spareListCapacity = 16

  /// The last spare list when it is reusable for `count` elements (``Swift/Array/isReusable(for:)``), else a new one.
  private static func spare<Element>(from spares: inout [[Element]], fitting count: Int) -> [Element] {
    guard let last = spares.last, last.isReusable(for: count) else { return [] }
    return spares.removeLast()
  }

  /// A matched event held for its turn, kept as its JSON text and the values of the few fields its rules' executors
  /// read then: a decoded event holds tables sized by the rules' field catalog (kilobytes), its text a fraction of
  /// that; decoding the text again on the event's turn cost a twentieth of a scan, holding all 154 fields any
  /// executor reads cost 25 MB more on a minute of events, and the fields of the matched rules alone are a few.
  private struct PendingEvent {
    var text: HeldEventText
    /// The event's own `_index` and `_id`, which its text does not hold.
    var eventIndex: String?
    var documentID: String?
    var index: String?
    var matched: [RuleMatch]
    var prepared: [PreparedMatch]
    /// A time of the event that its arrival work parsed.
    var knownTime: EventTimes.Known?
  }

  /// Most matched events held for reordering; past it the earliest run early.
  static let reorderCapacity = 200_000

  /// - Parameters:
  ///   - reorderWindowSeconds: events that arrive up to this much earlier (in event time) than one already read
  ///     still run in time order; later ones run at once and are counted in ``ScanStatistics/lateEvents``.
  ///   - profiling: time every rule (``profile``).
  public init(
    ruleSet: CompiledRuleSet, defaultIndex: String? = nil, stateCapacity: Int = 1_000_000,
    reorderWindowSeconds: Int64 = 0, profiling: Bool = false
  ) {
    self.ruleSet = ruleSet
    heldTexts = HeldEventTextMaker(ruleSet: ruleSet)
    ruleShapes = ruleSet.rules.map(RuleShape.init)
    self.reorderWindowSeconds = reorderWindowSeconds
    pending =
      reorderWindowSeconds > 0
      ? TimeOrderBuffer(windowNanoseconds: reorderWindowSeconds * 1_000_000_000, capacity: Self.reorderCapacity) : nil
    profile = profiling ? Array(repeating: RuleProfile(), count: ruleSet.rules.count) : nil
    self.defaultIndex = defaultIndex
    self.stateCapacity = stateCapacity
    budgets = ruleSet.rules.map {
      SignalBudget(intervalSeconds: $0.rule.schedule.interval.seconds, maxSignals: $0.rule.schedule.maxSignals)
    }
    matcher = RuleMatcher(ruleSet: ruleSet)
    newTerms = ruleSet.rules.map { compiled in
      guard case .newTerms(_, let history) = compiled.execution else { return nil }
      return NewTermsTracker(historySeconds: history, capacity: stateCapacity)
    }
    thresholds = ruleSet.rules.map { compiled in
      guard case .threshold(_, let value, let cardinality, let window) = compiled.execution else { return nil }
      return ThresholdTracker(
        windowSeconds: window, value: value, cardinality: cardinality?.value, capacity: stateCapacity)
    }
    esqlWindows = ruleSet.rules.map { compiled in
      guard case .esqlWindows(let program, let interval, let lookback) = compiled.execution else { return nil }
      return ESQLWindowState(program: program, intervalSeconds: interval, lookbackSeconds: lookback)
    }
    samples = ruleSet.rules.map { compiled in
      guard case .sample(let steps, let interval, let lookback) = compiled.execution else { return nil }
      return SampleWindowState(
        steps: steps, intervalSeconds: interval, lookbackSeconds: lookback, capacity: Self.sampleKeyCapacity)
    }
    let suppressors = ruleSet.rules.map(AlertSuppressor.init(for:))
    self.suppressors = suppressors
    suppressingRules = suppressors.indices.filter { suppressors[$0] != nil }
    windowedRules = ruleSet.rules.indices.filter {
      switch ruleSet.rules[$0].execution {
      case .esqlWindows, .sample: true
      default: false
      }
    }
    preparer = MatchPreparer(ruleSet: ruleSet)
    let joinKeys = EQLJoinKeys()
    sequenceJoinKeys = joinKeys
    sequences = ruleSet.rules.map { compiled in
      guard case .sequence(let sequence, let timestampField) = compiled.execution else { return nil }
      return SequenceState(
        sequence, timestampField: timestampField, capacity: Self.sequencePartialCapacity, joinKeys: joinKeys)
    }
  }

  /// Evaluates one event, calling `emit` with each new alert. Events are decoded with the rule set's
  /// ``CompiledRuleSet/catalog`` (the field ids of its rules are that catalog's).
  public func process(_ event: Event, emit: (Alert) throws -> Void) rethrows {
    let index = self.index(of: event)
    let evaluatedBefore = matcher.evaluations
    if profile == nil {
      matcher.matches(event, index: index, into: &matchedScratch)
      preparer.prepare(event, index: index, matched: matchedScratch, into: &preparedScratch)
    } else {
      matchedScratch.removeAll(keepingCapacity: true)
      preparedScratch.removeAll(keepingCapacity: true)
      preparer.startEvent()
      let candidates = matcher.candidates(for: event, index: index)
      if !candidates.isEmpty {
        // Timed apart: the first candidate would otherwise be charged with tests that most rules read.
        let started = Self.monotonicNow()
        matcher.evaluateSharedTests(event)
        sharedTestNanoseconds += Self.monotonicNow() - started
      }
      for candidate in candidates {
        let position = Int(candidate)
        let started = Self.monotonicNow()
        let match = matcher.match(rule: position, event)
        let prepared = match.flatMap { preparer.prepare($0, event, index: index) }
        profile![position].add(nanoseconds: Self.monotonicNow() - started)
        if let match {
          profile![position].matches += 1
          matchedScratch.append(match)
          if let prepared { preparedScratch.append(PreparedMatch(rule: match.rule, prepared)) }
        }
      }
    }
    try process(
      event, index: index, matched: matchedScratch[...], prepared: preparedScratch[...],
      evaluations: matcher.evaluations - evaluatedBefore, knownTime: preparer.knownTime, emit: emit)
  }

  /// Runs the executors of the rules a ``RuleMatcher`` found `event` (from `index`) to match: the second half of a
  /// scan, in input order (or time order, within the reorder window).
  /// - Parameters:
  ///   - prepared: what a ``MatchPreparer`` made of the event for `matched`.
  ///   - evaluations: the number of predicates the matcher evaluated for it.
  ///   - heldText: what the reorder buffer keeps of the event, when the caller made it
  ///     (``HeldEventTextMaker/make(_:matched:)``); made here when needed otherwise.
  ///   - knownTime: the ``MatchPreparer/knownTime`` the preparer left for the event, if any.
  public func process(
    _ event: Event, index: String?, matched: ArraySlice<RuleMatch>, prepared: ArraySlice<PreparedMatch>,
    evaluations: Int, heldText: consuming HeldEventText? = nil, knownTime: EventTimes.Known? = nil,
    emit: (Alert) throws -> Void
  ) rethrows {
    statistics.events += 1
    statistics.ruleEvaluations += evaluations
    guard pending != nil, let time = event.timestamp, !pending!.isLate(time) else {
      if let time = event.timestamp { noteUnheld(at: time) }
      try execute(event, index: index, matched: matched, prepared: prepared, knownTime: knownTime, emit: emit)
      if let latest = unheld?.latest { try finishDeferredWindows(through: latest, emit: emit) }
      return
    }
    pending!.observe(time)
    if !matched.isEmpty {
      // The given text is moved, not copied: a worker made its buffers, and counting a reference to them on this
      // thread costs a cache miss.
      let text: HeldEventText
      if let given = heldText.take() { text = given } else { text = heldTexts.make(event, matched: matched) }
      let left = try runOnArrival(event, matched: matched, prepared: prepared, knownTime: knownTime, emit: emit)
      // `matched` is copied into a list of its own: `Array(slice)` of a whole array shares its buffer, and the
      // scratch arrays behind `matched` then reallocated for every event, at full capacity, while this one waited.
      var heldMatches = Self.spare(from: &spareMatchLists, fitting: matched.count)
      heldMatches.append(contentsOf: matched)
      let held = PendingEvent(
        text: text, eventIndex: event.index, documentID: event.documentID, index: index,
        matched: heldMatches, prepared: left, knownTime: times.known)
      pending!.insert(consume held, at: time)
    }
    while let next = pending!.next() { try execute(next, emit: emit) }
  }

  /// Runs, as `event` is read rather than on its turn, the work of ES|QL rules that does not depend on time order,
  /// and returns what is left of `prepared` for the turn: an aggregating rule's event is added now to the windows it
  /// falls in. A window finishes on the turn of a later event of the rule, and every event not late for the reorder
  /// buffer comes before that turn. A non-aggregating rule's alerts wait for the turn, so that alerts come out in
  /// the order the events run, whether events are held or not (``stopReordering(emit:)``).
  private func runOnArrival(
    _ event: Event, matched: ArraySlice<RuleMatch>, prepared: ArraySlice<PreparedMatch>,
    knownTime: EventTimes.Known?, emit: (Alert) throws -> Void
  ) rethrows -> [PreparedMatch] {
    var left = Self.spare(from: &sparePreparedLists, fitting: prepared.count)
    left.reserveCapacity(prepared.count)
    var nextPrepared = prepared.startIndex
    times.startEvent(knowing: knownTime)
    var fieldsStarted = false
    for match in matched {
      var preparedResult: PreparedMatch.Result?
      if nextPrepared < prepared.endIndex, prepared[nextPrepared].rule == match.rule {
        preparedResult = prepared[nextPrepared].result
        nextPrepared += 1
      }
      let position = Int(match.rule)
      let shape = ruleShapes[position]
      if shape.aggregatesOnArrival {
        guard let time = times.time(of: event, override: shape.timestampOverride) else { continue }
        var streamed: ESQLRun.Streamed?
        if case .esqlStreamed(let made) = preparedResult {
          streamed = made
        } else if !fieldsStarted {
          // The field cache is keyed by executed events; this one has not run yet.
          esqlFields.startEvent()
          esqlEvent = -1
          fieldsStarted = true
        }
        esqlWindows[position]!.contribute(event, at: time, streamed: streamed, sharing: &esqlFields)
        left.append(PreparedMatch(rule: match.rule, .esqlContributed))
      } else if let preparedResult {
        left.append(PreparedMatch(rule: match.rule, preparedResult))
      }
    }
    return left
  }

  /// Runs the executors of an event released from the reorder buffer.
  private func execute(_ released: consuming PendingEvent, emit: (Alert) throws -> Void) rethrows {
    releasedEvent.restore(released.text.fields, bytes: released.text.document)
    releasedEvent.index = released.eventIndex
    releasedEvent.documentID = released.documentID
    var matched = released.matched
    var prepared = released.prepared
    try releasedEvent.lend { event in
      try execute(
        event, index: released.index, matched: matched[...], prepared: prepared[...],
        document: released.text.document, knownTime: released.knownTime, emit: emit)
    }
    heldTexts.recycle(&released.text)
    _ = consume released
    if spareMatchLists.count < Self.spareListCapacity {
      matched.removeAll(keepingCapacity: true)
      spareMatchLists.append(matched)
    }
    if sparePreparedLists.count < Self.spareListCapacity {
      prepared.removeAll(keepingCapacity: true)
      sparePreparedLists.append(prepared)
    }
  }

  /// Runs the executors of `matched` on `event`, whose turn it is; `document`, when given, is the event's text in a
  /// buffer of its own, for alerts and sequences to keep; `knownTime`, a time of it parsed on its arrival.
  private func execute(
    _ event: Event, index: String?, matched: ArraySlice<RuleMatch>, prepared: ArraySlice<PreparedMatch>,
    document: [UInt8]? = nil, knownTime: EventTimes.Known? = nil,
    emit: (Alert) throws -> Void
  ) rethrows {
    executedEvents += 1
    sequenceJoinKeys.startEvent()
    times.startEvent(knowing: knownTime)
    if executedEvents % 1024 == 0, let time = event.timestamp {
      sequenceDocuments.expire(now: time)
      try closeSuppression(before: time, emit)
    }
    var source = document.map { SourceDocument(bytes: $0, index: index, documentID: event.documentID) }
    // `prepared` follows the order of `matched`.
    var nextPrepared = prepared.startIndex
    for match in matched {
      let started = profile == nil ? 0 : Self.monotonicNow()
      var preparedResult: PreparedMatch.Result?
      if nextPrepared < prepared.endIndex, prepared[nextPrepared].rule == match.rule {
        preparedResult = prepared[nextPrepared].result
        nextPrepared += 1
      }
      try run(match, event, index: index, prepared: preparedResult, source: &source, emit: emit)
      if profile != nil { profile![Int(match.rule)].nanoseconds += Self.monotonicNow() - started }
    }
  }

  /// Runs the executor of the rule `match` names, whose predicate `event` satisfies, with what was `prepared` of it.
  private func run(
    _ match: RuleMatch, _ event: Event, index: String?, prepared: PreparedMatch.Result?, source: inout SourceDocument?,
    emit: (Alert) throws -> Void
  ) rethrows {
    let position = Int(match.rule)
    let shape = ruleShapes[position]
    let budgetTime = times.time(of: event, override: shape.timestampOverride)
    // Most matches of a corpus scan end here, without reaching the rule.
    if shape.alertsOnEachEvent, !hasBudget(position, at: budgetTime) { return }
    let compiled = ruleSet.rules[position]
    if source == nil { source = SourceDocument(bytes: event.bytes, index: index, documentID: event.documentID) }
    switch compiled.execution {
    case .eachEvent:
      let alertTime = event.timestamp ?? Self.now()
      let time = budgetTime ?? alertTime
      try offer(
        AlertBuilder.eventAlert(
          rule: compiled.rule, fields: compiled.alertFields, source: source!, alertTime: alertTime),
        of: position, at: alertTime, from: time, to: time, spendingAt: time, emit)
    case .newTerms(let fields, _):
      guard let time = budgetTime else { return }
      let new = newTerms[position]!.observe(event, fields: fields, at: time)
      for terms in new where needsCandidate(position, at: time) {
        try offer(
          AlertBuilder.eventAlert(
            rule: compiled.rule, fields: compiled.alertFields, source: source!, alertTime: time,
            extra: [("kibana.alert.new_terms", .array(terms.map(JSONValue.string)))], idParts: terms),
          of: position, at: time, from: time, to: time, spendingAt: time, emit)
      }
    case .threshold(let fields, _, let cardinality, _):
      guard let time = budgetTime else { return }
      // A rule without buckets whose budget is spent only counts its crossings (one per value combination), and
      // need not build their keys ("My First Rule" alerts on every event).
      if thresholds[position]!.keepsNoBuckets, suppressors[position] == nil,
        !budgets[position].hasRoom(at: time)
      {
        statistics.alertsOverMaxSignals += fields.reduce(1) { $0 * event.keywordTextCount($1) }
        return
      }
      let crossings = thresholds[position]!.observe(
        event, fields: fields, cardinalityField: cardinality?.field, at: time)
      for crossing in crossings where needsCandidate(position, at: time) {
        try offer(
          ThresholdAlert.build(compiled, crossing: crossing), of: position, at: crossing.last, from: crossing.first,
          to: crossing.last, spendingAt: time, emit)
      }
    case .sequence(_, let timestampField):
      let eventTime = times.time(of: event, override: timestampField)
      let time = eventTime ?? 0
      let completed = sequences[position]!.process(
        event, id: executedEvents, stepsHeld: match.stepsHeld, time: eventTime, source: source!,
        store: sequenceDocuments)
      if sequences[position]!.holdsEvent {
        sequenceDocuments.keep(source!, id: executedEvents, time: time, maxspan: sequences[position]!.maxspan)
      }
      guard !completed.isEmpty else { return }
      try record(
        sequences: completed, of: position, budgetTime: budgetTime, alertTime: event.timestamp ?? Self.now(), emit)
    case .sample:
      guard let time = budgetTime else { return }
      let runs = samples[position]!.add(
        event, id: executedEvents, stepsHeld: match.stepsHeld, at: time, source: source!)
      for run in runs { try record(samplesOf: position, run, emit) }
    case .esqlRows:
      // The preparer ran the query and built the alerts.
      guard case .alerts(let alerts) = prepared else { return }
      let alertTime = event.timestamp ?? Self.now()
      let time = budgetTime ?? alertTime
      for alert in alerts {
        try offer(alert, of: position, at: alertTime, from: time, to: time, spendingAt: nil, emit)
      }
    case .esqlWindows:
      guard let time = budgetTime else { return }
      let deferred = deferWindowFinishing(position, to: time, event)
      if case .esqlContributed = prepared {
        guard !deferred else { return }
        for run in esqlWindows[position]!.advance(to: time) { try record(windowOf: position, run, emit) }
        return
      }
      var streamed: ESQLRun.Streamed?
      if case .esqlStreamed(let made) = prepared { streamed = made } else { startESQLEvent() }
      if deferred {
        esqlWindows[position]!.contribute(event, at: time, streamed: streamed, sharing: &esqlFields)
        return
      }
      for run in esqlWindows[position]!.add(event, at: time, streamed: streamed, sharing: &esqlFields) {
        try record(windowOf: position, run, emit)
      }
    case .threatMatch:
      guard let intel = ruleSet.threatIntel[position] else { return }
      let matches = intel.indicators.matches(event, fields: intel.eventFields)
      guard !matches.isEmpty else { return }
      let alertTime = event.timestamp ?? Self.now()
      let time = budgetTime ?? alertTime
      try offer(
        ThreatMatchAlert.build(
          compiled, event: event, source: source!, matches: matches, indicators: intel.indicators,
          alertTime: alertTime),
        of: position, at: alertTime, from: time, to: time, spendingAt: nil, emit)
    }
  }

  /// Forgets the ES|QL field values of the last event when this is the first ES|QL rule of a new one.
  private func startESQLEvent() {
    guard esqlEvent != executedEvents else { return }
    esqlEvent = executedEvents
    esqlFields.startEvent()
  }

  /// Evictions of stateful rules' entries, per rule id, to report with the results.
  public var stateEvictions: [String: Int] {
    var result: [String: Int] = [:]
    for position in ruleSet.rules.indices {
      let evicted =
        (newTerms[position]?.evictions ?? 0) + (thresholds[position]?.evictions ?? 0)
        + (sequences[position].map { $0.matcher.statistics.evictions + $0.lostSequences } ?? 0)
        + (samples[position]?.evictions ?? 0) + (suppressors[position]?.evictions ?? 0)
      if evicted > 0 { result[ruleSet.rules[position].rule.ruleID] = evicted }
    }
    return result
  }

  /// Whether events are held to run in time order (a reorder window, until ``stopReordering(emit:)``).
  public var reorders: Bool { pending != nil }

  /// Since ``stopReordering(emit:)``: the order of the events run as they come (`nil` while events are held).
  private var unheld: UnheldOrder?

  /// Counts an event with a time that runs without being held: late when the buffer holds events (it came too late
  /// to be put in order), when it is earlier than one run before it after reordering stopped, or when it is earlier
  /// than the time the clock was advanced to (``advanceTime(to:emit:)``).
  private func noteUnheld(at time: Int64) {
    if pending != nil {
      statistics.lateEvents += 1
    } else if unheld?.noteRun(at: time) == false {
      statistics.lateEvents += 1
    } else if let advancedTime, time < advancedTime {
      statistics.lateEvents += 1
    }
  }

  /// Runs the events held for time order now, and every later event as it comes: for a caller that knows the rest
  /// of its input comes in time order, no earlier than any event given so far (a file checked beforehand, say).
  /// The alerts are then those of a scan that kept holding events.
  ///
  /// One thing still waits as if events were held: an aggregating ES|QL rule's windows finish on the turn an event
  /// would have had (once the window's length of `@timestamp` has passed it), because a rule timed by another field
  /// (`event.ingested`) may see that time go back a little from one event to the next, and an event that came within
  /// the reorder window must still count in its windows. The other alerts come out as events are read, so such a
  /// rule's alerts may come later in the stream than they would have.
  public func stopReordering(emit: (Alert) throws -> Void) rethrows {
    guard let latest = pending?.latest else { return }
    unheld = UnheldOrder(latest: latest, windowNanoseconds: reorderWindowSeconds * 1_000_000_000)
    while let next = pending?.next(draining: true) { try execute(next, emit: emit) }
    pending = nil
    try finishDeferredWindows(through: latest, emit: emit)
  }

  /// Defers the finishing of rule `position`'s windows before `time` to `event`'s turn, when events are no longer
  /// held; `false` when they are (finish them now).
  private func deferWindowFinishing(_ position: Int, to time: Int64, _ event: Event) -> Bool {
    guard unheld != nil, let eventTime = event.timestamp else { return false }
    unheld!.deferFinishing(rule: position, to: time, eventTime: eventTime)
    return true
  }

  /// Finishes the deferred windows whose turn has come by `latest` (the latest `@timestamp` read).
  private func finishDeferredWindows(through latest: Int64, emit: (Alert) throws -> Void) rethrows {
    while let due = unheld?.nextDue(by: latest) {
      for run in esqlWindows[due.rule]!.advance(to: due.time) { try record(windowOf: due.rule, run, emit) }
    }
  }

  /// Event time has reached `time` though no event says so: for a live source (`vigil watch`), whose clock runs
  /// between events. Each scheduled run of an aggregating ES|QL rule or an EQL sample rule whose window ended before
  /// `time` happens now, as Kibana's schedule runs it, rather than on the next event of that rule. An event earlier
  /// than `time` that comes afterwards is late (``ScanStatistics/lateEvents``) and runs as a late event of a scan
  /// does. Only for a scan that runs events as they come (no reorder window).
  public func advanceTime(to time: Int64, emit: (Alert) throws -> Void) rethrows {
    precondition(pending == nil, "advanceTime(to:) needs a scan without a reorder window")
    guard time > advancedTime ?? .min else { return }
    advancedTime = time
    for position in windowedRules {
      if esqlWindows[position] != nil {
        for run in esqlWindows[position]!.advance(to: time) { try record(windowOf: position, run, emit) }
      } else {
        for run in samples[position]!.advance(to: time) { try record(samplesOf: position, run, emit) }
      }
    }
    try closeSuppression(before: time, emit)
  }

  /// Completes what is pending at the end of the input: the last scheduled run of aggregating ES|QL rules and EQL
  /// samples.
  public func finish(emit: (Alert) throws -> Void) rethrows {
    while let next = pending?.next(draining: true) { try execute(next, emit: emit) }
    try finishDeferredWindows(through: .max, emit: emit)
    for position in esqlWindows.indices where esqlWindows[position] != nil {
      for run in esqlWindows[position]!.finish() { try record(windowOf: position, run, emit) }
    }
    for position in samples.indices where samples[position] != nil {
      for run in samples[position]!.finish() { try record(samplesOf: position, run, emit) }
    }
    try closeSuppression(before: .max, emit)
  }

  /// The alerts of the samples of a run of rule `position`.
  private func record(samplesOf position: Int, _ run: SampleWindowState.Run, _ emit: (Alert) throws -> Void) rethrows {
    try record(sequences: run.samples, of: position, budgetTime: run.end, alertTime: run.end, emit)
  }

  /// The alerts of EQL sequences or samples (each its events' documents) of rule `position`: EQL's `size`
  /// (`max_signals`) counts sequences, so each spends from the budget of `budgetTime`, and every alert of one is written.
  private func record(
    sequences: [[SourceDocument]], of position: Int, budgetTime: Int64?, alertTime: Int64,
    _ emit: (Alert) throws -> Void
  ) rethrows {
    for events in sequences where hasBudget(position, at: budgetTime) {
      budgets[position].spend()
      for alert in SequenceAlerts.build(ruleSet.rules[position], events: events, alertTime: alertTime) {
        try record(alert, emit)
      }
    }
  }

  private func record(windowOf position: Int, _ run: ESQLWindowState.Run, _ emit: (Alert) throws -> Void) rethrows {
    for (index, row) in run.rows.enumerated() {
      try offer(
        ESQLRowAlert.aggregate(ruleSet.rules[position], row: row, rowIndex: index, window: run), of: position,
        at: run.end, from: run.start, to: run.end, spendingAt: nil, emit)
    }
  }

  /// Writes `alert` of rule `position`, made at run time `time` for events from `start` to `end`, through the rule's
  /// alert suppression when it has one (``AlertSuppressor``): a candidate of the terms of a held alert is counted
  /// there, and a held alert is written once no later candidate can join it. A new alert spends from the rule's
  /// `max_signals` budget of the interval of `budgetTime`, when given (see ``record(_:spending:_:)``); the caller
  /// checked that budget for a rule without suppression.
  private func offer(
    _ alert: Alert, of position: Int, at time: Int64, from start: Int64, to end: Int64,
    spendingAt budgetTime: Int64?, _ emit: (Alert) throws -> Void
  ) rethrows {
    let spending = budgetTime != nil
    guard suppressors[position] != nil else { return try record(alert, spending: spending ? position : nil, emit) }
    for held in suppressors[position]!.close(before: time) { try record(held, emit) }
    let hasRoom = { budgetTime.map { self.hasBudget(position, at: $0) } ?? true }
    switch suppressors[position]!.offer(alert, at: time, from: start, to: end, mayStart: hasRoom) {
    case .write(let alert):
      guard hasRoom() else { return }
      try record(alert, spending: spending ? position : nil, emit)
    case .started: if spending { budgets[position].spend() }
    case .suppressed: statistics.suppressedAlerts += 1
    case .refused: break
    }
  }

  /// Writes the held suppressed alerts that no candidate at `time` or later can join.
  private func closeSuppression(before time: Int64, _ emit: (Alert) throws -> Void) rethrows {
    for position in suppressingRules {
      for held in suppressors[position]!.close(before: time) { try record(held, emit) }
    }
  }

  /// Whether rule `position` needs the alert candidate of `time` built: a suppressing rule's candidates are counted
  /// even past `max_signals` (only its new alerts spend, ``offer(_:of:at:from:to:spendingAt:_:)``); any other rule's
  /// only while it has budget (``hasBudget(_:at:)``).
  private func needsCandidate(_ position: Int, at time: Int64) -> Bool {
    suppressors[position] != nil || hasBudget(position, at: time)
  }

  /// Whether rule `position` may still alert in the `max_signals` slot of `time` (always, without a time); counts
  /// the alert left out when not.
  private func hasBudget(_ position: Int, at time: Int64?) -> Bool {
    guard let time, !budgets[position].hasRoom(at: time) else { return true }
    statistics.alertsOverMaxSignals += 1
    return false
  }

  /// Writes an alert unless the same alert was written before; a written alert spends from the budget of rule
  /// `spending`, when given (duplicates never do, as Kibana drops them before applying `max_signals`).
  private func record(_ alert: Alert, spending position: Int? = nil, _ emit: (Alert) throws -> Void) rethrows {
    guard seenAlerts.insert(Fingerprint([alert.uuid])).inserted else {
      statistics.duplicateAlerts += 1
      return
    }
    if let position { budgets[position].spend() }
    statistics.alerts += 1
    statistics.alertsBySeverity[alert.severity, default: 0] += 1
    statistics.alertsByRule[alert.ruleID, default: 0] += 1
    try emit(alert)
  }

  /// Every combination of one value per field (arrays give every combination); none when a field has no value.
  static func combinations(_ values: [[String]]) -> [[String]] {
    values.reduce([[]]) { partial, options in
      partial.flatMap { prefix in options.map { prefix + [$0] } }
    }
  }

  /// The event's index: its `_index`, else its data stream name, else the scan's default.
  func index(of event: Event) -> String? {
    matcher.index(of: event, fallback: defaultIndex)
  }

  static func monotonicNow() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }

  static func now() -> Int64 {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
  }
}
