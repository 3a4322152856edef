import VigilEvents

/// An event kept for replay because some rule matched it: the source of its alerts, and the `_index` it was read
/// with so that it can be decoded again as it was (EQL sequences and ES|QL run on decoded events).
struct ReplayDocument {
  var source: SourceDocument
  /// The event's own `_index` (``SourceDocument/index`` is the resolved index: data stream or `--index`).
  var eventIndex: String?

  /// The event decoded again with `decoder`, which must use the catalog of the rule set.
  func event(_ decoder: EventDecoder) -> Event? {
    guard var event = try? decoder.decode(source.bytes) else { return nil }
    event.index = eventIndex
    event.documentID = source.documentID
    return event
  }
}
