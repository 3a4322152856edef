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
    var value: ESQLValue
  }

  /// By ``FieldID/index``.
  private var entries: [Entry] = []
  /// The number of the current event.
  private var event = 0

  public init() {}

  /// Forgets the values of the last event: the next ones read are the next event's.
  public mutating func startEvent() {
    event += 1
  }

  /// ``ESQLValue/field(_:type:in:)`` of `event`, the current event.
  mutating func value(_ id: FieldID, type: FieldType?, in event: Event) -> ESQLValue {
    let index = id.index
    if index < entries.count, entries[index].event == self.event, entries[index].type == type {
      return entries[index].value
    }
    let value = ESQLValue.field(id, type: type, in: event)
    if index >= entries.count {
      entries.append(
        contentsOf: repeatElement(Entry(event: -1, type: nil, value: .null), count: index + 1 - entries.count))
    }
    entries[index] = Entry(event: self.event, type: type, value: value)
    return value
  }
}
