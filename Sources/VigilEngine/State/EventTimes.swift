import VigilEvents

/// The times of the event being executed for its rules' timestamp overrides, each parsed once: most rules of the
/// corpus override `@timestamp` with the same field (`event.ingested`), and parsing a date per rule matched cost
/// more than the rest of a query rule's execution.
public struct EventTimes {
  /// A time of one event by one override field.
  public struct Known: Sendable {
    fileprivate let field: FieldID
    fileprivate let time: Int64?

    /// `event`'s time by the override `field`, parsed now.
    init(of event: Event, override field: FieldID) {
      self.field = field
      time = event.timestamp(override: field)
    }
  }

  /// The time last parsed for the current event, to give ``startEvent(knowing:)`` on its turn: an event held for
  /// time order is read on arrival (ES|QL windows) and run later, and parsing its date twice showed.
  private(set) var known: Known?

  /// Forgets the times of the last event; `known`, a time of the new event that ``known`` gave, is kept.
  mutating func startEvent(knowing known: Known? = nil) {
    self.known = known
  }

  /// ``VigilEvents/Event/timestamp(override:)`` of `event`, the event since ``startEvent(knowing:)``.
  mutating func time(of event: Event, override field: FieldID?) -> Int64? {
    guard let field else { return event.timestamp }
    if let known, known.field == field { return known.time }
    let parsed = Known(of: event, override: field)
    known = parsed
    return parsed.time
  }
}
