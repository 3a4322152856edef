import VigilEQL
import VigilEvents

/// An EQL sequence rule's running state: its matcher and the source documents of the events it may still need.
///
/// A completed sequence spans at most `maxspan`, so documents older than that behind the newest event are dropped;
/// a rule without `maxspan` keeps the newest `capacity`. A completed sequence that needs a dropped document is
/// counted and gives no alert.
struct SequenceState {
  var matcher: EQLSequenceMatcher
  private var documents: [Int: SourceDocument] = [:]
  /// Kept documents' ids and times, oldest first; `head` is the first still kept.
  private var order: [(id: Int, time: Int64)] = []
  private var head = 0
  private let maxspan: Int64?
  let capacity: Int
  private(set) var lostSequences = 0

  init(_ sequence: EQLLoweredSequence, timestampField: FieldID?, capacity: Int) {
    matcher = EQLSequenceMatcher(
      sequence, limits: EQLSequenceMatcher.Limits(maximumPartials: capacity), timestampField: timestampField)
    maxspan = sequence.maxspanMilliseconds.map { $0.multipliedReportingOverflow(by: 1_000_000).partialValue }
    self.capacity = capacity
  }

  /// Feeds one event (at `time`); returns the completed sequences' documents (missing-event placeholders left out).
  mutating func process(_ event: Event, id: Int, time: Int64, source: SourceDocument) -> [[SourceDocument]] {
    documents[id] = source
    order.append((id, time))
    while head < order.count, order.count - head > capacity || maxspan.map({ order[head].time < time - $0 }) == true {
      documents[order[head].id] = nil
      head += 1
    }
    if head > 4096, head * 2 > order.count {
      order.removeFirst(head)
      head = 0
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
