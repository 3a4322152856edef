import VigilEQL
import VigilEvents

/// An EQL sequence rule's running state: its matcher and the source documents of the events it may still need,
/// kept by id. Past `capacity` documents the oldest are dropped; a completed sequence that needs a dropped one is
/// counted and gives no alert.
struct SequenceState {
  var matcher: EQLSequenceMatcher
  private var documents: [Int: SourceDocument] = [:]
  private var order: [Int] = []
  private var start = 0
  let capacity: Int
  private(set) var lostSequences = 0

  init(_ sequence: EQLLoweredSequence, timestampField: FieldID?, capacity: Int) {
    matcher = EQLSequenceMatcher(
      sequence, limits: EQLSequenceMatcher.Limits(maximumPartials: capacity), timestampField: timestampField)
    self.capacity = capacity
  }

  /// Feeds one event; returns the completed sequences' documents (missing-event placeholders left out).
  mutating func process(_ event: Event, id: Int, source: SourceDocument) -> [[SourceDocument]] {
    documents[id] = source
    order.append(id)
    if order.count - start > capacity {
      documents[order[start]] = nil
      start += 1
      if start > capacity {
        order.removeFirst(start)
        start = 0
      }
    }
    var completed: [[SourceDocument]] = []
    for match in matcher.process(event, id: id) {
      let events = match.events.compactMap { $0 }.map { documents[$0] }
      if events.contains(where: { $0 == nil }) {
        lostSequences += 1
      } else {
        completed.append(events.map { $0! })
      }
    }
    return completed
  }
}
