import VigilEvents
import VigilQuery

/// The column values of the current event's fields, made once for all the ES|QL runs that read them: turning a
/// field into an ``ESQLValue`` (a `String` per keyword) is much of the cost of a row, and rules read the same fields.
///
/// Pass one cache to every run fed the same event (``ESQLRun/feed(_:source:allFields:sharing:)``), and call
/// ``startEvent()`` before the next event: the values of the last one are then forgotten. Fields are the ids of the
/// catalog of the resolver the programs were compiled with.
public struct ESQLFieldCache {
  private struct Entry {
    /// The ``event`` the value was made for.
    var event: Int
    var type: FieldType?
    var caseless: Bool
    var value: ESQLValue
  }

  /// By ``FieldID/index``.
  private var entries: [Entry] = []
  /// The number of the current event.
  private var event = 0
  /// `_index` of the current event (``indexEvent`` is the event it was made for), and the `data_stream.type` field
  /// it was made from: every rule with `METADATA _index` reads it.
  private var indexValue: ESQLValue = .null
  private var indexEvent = -1
  private var indexType: FieldID?
  /// The keyword strings made so far, for the next events with the same values.
  private var strings = ESQLStringInterner()

  public init() {}

  /// Forgets the values of the last event: the next ones read are the next event's.
  public mutating func startEvent() {
    event += 1
  }

  /// ``ESQLValue/field(_:type:caseless:in:)`` of `event`, the current event.
  mutating func value(_ id: FieldID, type: FieldType?, caseless: Bool = false, in event: Event) -> ESQLValue {
    let index = id.index
    if index < entries.count, entries[index].event == self.event, entries[index].type == type,
      entries[index].caseless == caseless
    {
      return entries[index].value
    }
    let value = ESQLValue.field(id, type: type, caseless: caseless, in: event, strings: &strings)
    if index >= entries.count {
      entries.append(
        contentsOf: repeatElement(
          Entry(event: -1, type: nil, caseless: false, value: .null), count: index + 1 - entries.count))
    }
    entries[index] = Entry(event: self.event, type: type, caseless: caseless, value: value)
    return value
  }

  /// ``ESQLValue/field(_:type:caseless:in:strings:)`` of a field of `document`, the current event decoded with every
  /// field (in another catalog): not kept, as ids of that catalog are not this cache's, but its strings are shared.
  mutating func value(_ id: FieldID, type: FieldType?, ofAllFields document: Event) -> ESQLValue {
    ESQLValue.field(id, type: type, in: document, strings: &strings)
  }

  /// The `_index` column of `event`, the current event: its index, else its data stream's name (`dataStream` are
  /// the `data_stream.type`, `.dataset` and `.namespace` fields), else `null`. Made once per event.
  mutating func index(of event: Event, dataStream: [FieldBinding]) -> ESQLValue {
    let type = dataStream.first?.id
    if indexEvent == self.event, indexType == type { return indexValue }
    var name = event.index
    if name == nil, dataStream.count == 3 {
      name = event.dataStreamName(type: dataStream[0].id, dataset: dataStream[1].id, namespace: dataStream[2].id)
    }
    indexValue = name.map(ESQLValue.string) ?? .null
    indexEvent = self.event
    indexType = type
    return indexValue
  }
}
