import VigilEQL
import VigilEvents

/// Replays an EQL sequence or sample rule: each run feeds only its window's events, ordered by the rule's timestamp
/// field (then input order), to a fresh matcher, so a sequence or sample is found only when all its events fall in
/// one window. As Elasticsearch's `size`, the run keeps the `max_signals` first results (sequences by their first
/// event, samples in join key order); each gives its building-block alerts and shell alert, and one found again by
/// an overlapping run has the same ids and is dropped as a duplicate.
enum ReplaySequenceExecutor {
  static func run(
    _ rule: ReplayRule, sequence: EQLLoweredSequence, timestampField: FieldID?, documents: [ReplayDocument],
    decoder: EventDecoder, output: inout ReplayOutput, emit: (Alert) throws -> Void
  ) rethrows {
    try run(rule, documents: documents, decoder: decoder, output: &output, emit: emit) {
      var matcher = EQLSequenceMatcher(
        sequence, limits: EQLSequenceMatcher.Limits(maximumPartials: ScanEngine.sequencePartialCapacity),
        timestampField: timestampField)
      var found: [EQLSequenceMatch] = []
      $0 { id, event in found += matcher.process(event, id: id) }
      found += matcher.finish()
      found.sort { ($0.start.timestamp, $0.start.id) < ($1.start.timestamp, $1.start.id) }
      return (found, matcher.statistics.evictions)
    }
  }

  static func run(
    _ rule: ReplayRule, sample steps: [EQLLoweredStep], documents: [ReplayDocument], decoder: EventDecoder,
    output: inout ReplayOutput, emit: (Alert) throws -> Void
  ) rethrows {
    try run(rule, documents: documents, decoder: decoder, output: &output, emit: emit) {
      var matcher = EQLSampleMatcher(
        steps, limits: EQLSequenceMatcher.Limits(maximumPartials: ScanEngine.sampleKeyCapacity))
      $0 { id, event in matcher.process(event, id: id) }
      return (matcher.finish(), matcher.statistics.evictions)
    }
  }

  /// Runs `find` over each run's events, which it visits through `forEachEvent` (decoded one at a time, numbered by
  /// their position in the window), and writes the alerts of what it finds, in its order.
  private static func run(
    _ rule: ReplayRule, documents: [ReplayDocument], decoder: EventDecoder, output: inout ReplayOutput,
    emit: (Alert) throws -> Void,
    find: (_ forEachEvent: ((Int, Event) -> Void) -> Void) -> (found: [EQLSequenceMatch], evictions: Int)
  ) rethrows {
    try rule.schedule.forEachRun(over: rule.times) { run, range in
      output.replay.runs += 1
      let window = range.sorted {
        (rule.events[$0].order, rule.events[$0].document) < (rule.events[$1].order, rule.events[$1].document)
      }
      var (found, evictions) = find { body in
        for (id, position) in window.enumerated() {
          guard let event = documents[rule.events[position].document].event(decoder) else { continue }
          body(id, event)
        }
      }
      if evictions > 0 { output.replay.evictions[rule.ruleID, default: 0] += evictions }
      if found.count > rule.maxSignals {
        output.capped(rule)
        found.removeLast(found.count - rule.maxSignals)
      }
      for match in found {
        let sources = match.events.compactMap { $0 }.map { documents[rule.events[window[$0]].document].source }
        for alert in SequenceAlerts.build(rule.compiled, events: sources, alertTime: run) {
          try output.offer(alert, at: run, from: run, to: run, emit: emit)
        }
      }
    }
  }
}
