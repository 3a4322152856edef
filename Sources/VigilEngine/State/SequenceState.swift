import VigilEQL
import VigilEvents

/// An EQL sequence rule's running state: its matcher, and the `maxspan` under which the engine's shared
/// ``SequenceDocumentStore`` keeps the documents of its events.
struct SequenceState {
  var matcher: EQLSequenceMatcher
  let maxspan: Int64?
  private(set) var lostSequences = 0

  /// `joinKeys` are shared by the sequence rules of the engine, which starts each event there.
  init(_ sequence: EQLLoweredSequence, timestampField: FieldID?, capacity: Int, joinKeys: EQLJoinKeys) {
    matcher = EQLSequenceMatcher(
      sequence, limits: EQLSequenceMatcher.Limits(maximumPartials: capacity), timestampField: timestampField,
      sharedJoinKeys: joinKeys)
    maxspan = sequence.maxspanMilliseconds.map { $0.multipliedReportingOverflow(by: 1_000_000).partialValue }
  }

  /// Feeds one event (`source` its document, `time` its time by the sequence's timestamp field when known) and the
  /// steps it satisfies (``RuleMatch/stepsHeld``), whose earlier events' documents are in `store`; returns the
  /// completed sequences' documents (missing-event placeholders left out). ``holdsEvent`` then tells whether `store`
  /// must keep `source` for sequences still in progress.
  mutating func process(
    _ event: Event, id: Int, stepsHeld: UInt64, time: Int64?, source: SourceDocument, store: SequenceDocumentStore
  ) -> [[SourceDocument]] {
    var completed: [[SourceDocument]] = []
    for match in matcher.process(event, id: id, stepsHeld: stepsHeld, time: time) {
      let events = match.events.compactMap { $0 }.map { $0 == id ? source : store.document($0) }
      if events.contains(where: { $0 == nil }) {
        lostSequences += 1
      } else {
        completed.append(events.map { $0! })
      }
    }
    return completed
  }

  /// Whether a partial sequence in progress holds the event last processed.
  var holdsEvent: Bool { matcher.holdsLastEvent }
}
