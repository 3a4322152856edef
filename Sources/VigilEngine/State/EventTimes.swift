import VigilEvents

/// The times of the event being executed for its rules' timestamp overrides, each parsed once: most rules of the
/// corpus override `@timestamp` with the same field (`event.ingested`), and parsing a date per rule matched cost
/// more than the rest of a query rule's execution.
struct EventTimes {
  /// The override field last asked for and the event's time by it.
  private var cached: (field: FieldID, time: Int64?)?

  /// The time last parsed for the current event, to give ``startEvent(knowing:)`` on its turn: an event held for
  /// time order is read on arrival (ES|QL windows) and run later, and parsing its date twice showed.
  var known: Known? { cached.map { Known(field: $0.field, time: $0.time) } }

  /// A time of one event by one override field.
  struct Known {
    fileprivate let field: FieldID
    fileprivate let time: Int64?
  }

  /// Forgets the times of the last event; `known`, a time of the new event that ``known`` gave, is kept.
  mutating func startEvent(knowing known: Known? = nil) {
    cached = known.map { ($0.field, $0.time) }
  }

  /// ``VigilEvents/Event/timestamp(override:)`` of `event`, the event since ``startEvent()``.
  mutating func time(of event: Event, override field: FieldID?) -> Int64? {
    guard let field else { return event.timestamp }
    if let cached, cached.field == field { return cached.time }
    let time = event.timestamp(override: field)
    cached = (field, time)
    return time
  }
}
