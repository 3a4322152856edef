import VigilEQL
import VigilEvents

/// Replays an EQL sequence rule: each run feeds only its window's events, ordered by the rule's timestamp field
/// (then input order), to a fresh ``EQLSequenceMatcher``, so a sequence is found only when all its events fall in
/// one window. As Elasticsearch's `size`, the run keeps the `max_signals` earliest sequences (by first event); each
/// gives its building-block alerts and shell alert, and a sequence found again by an overlapping run has the same
/// ids and is dropped as a duplicate.
enum ReplaySequenceExecutor {
  static func run(
    _ rule: ReplayRule, sequence: EQLLoweredSequence, timestampField: FieldID?, documents: [ReplayDocument],
    decoder: EventDecoder, output: inout ReplayOutput, emit: (Alert) throws -> Void
  ) rethrows {
    try rule.schedule.forEachRun(over: rule.times) { run, range in
      output.replay.runs += 1
      let window = range.sorted {
        (rule.events[$0].order, rule.events[$0].document) < (rule.events[$1].order, rule.events[$1].document)
      }
      var matcher = EQLSequenceMatcher(
        sequence, limits: EQLSequenceMatcher.Limits(maximumPartials: ScanEngine.sequencePartialCapacity),
        timestampField: timestampField)
      var found: [EQLSequenceMatch] = []
      for (id, position) in window.enumerated() {
        guard let event = documents[rule.events[position].document].event(decoder) else { continue }
        found += matcher.process(event, id: id)
      }
      found += matcher.finish()
      if matcher.statistics.evictions > 0 {
        output.replay.evictions[rule.ruleID, default: 0] += matcher.statistics.evictions
      }
      found.sort { ($0.start.timestamp, $0.start.id) < ($1.start.timestamp, $1.start.id) }
      if found.count > rule.maxSignals {
        output.capped(rule)
        found.removeLast(found.count - rule.maxSignals)
      }
      for match in found {
        let sources = match.events.compactMap { $0 }.map { documents[rule.events[window[$0]].document].source }
        for alert in SequenceAlerts.build(rule.compiled, events: sources, alertTime: run) {
          try output.offer(alert, emit: emit)
        }
      }
    }
  }
}
