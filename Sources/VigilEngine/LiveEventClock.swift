/// Event time on a live source, between events: the latest event time read, run on by the time that has passed
/// since it was read, less an allowance for events still on their way. A live scan gives it to
/// ``ScanEngine/advanceTime(to:emit:)`` so that scheduled windows run once their end has passed, as Kibana's
/// schedule runs them, though no later event of the rule comes.
///
/// Read from the events rather than the wall clock, so that a source whose times lag or lead this machine's clock
/// (an audit log of another host, a log read behind its writer) is timed by its own events.
public struct LiveEventClock: Sendable {
  /// How late an event may come and still count in its windows: a window runs this long after its end.
  public let lateness: Int64
  /// The latest event time read, and the monotonic time it was read at (nanoseconds).
  private var latest: (eventTime: Int64, readAt: Int64)?

  /// - Parameter latenessSeconds: how long after a window's end its run waits for late events.
  public init(latenessSeconds: Int64) {
    lateness = latenessSeconds * 1_000_000_000
  }

  /// Notes an event at `eventTime` read at monotonic time `readAt`; an event earlier than the latest changes nothing.
  public mutating func noteEvent(at eventTime: Int64, readAt: Int64) {
    if let latest, eventTime <= latest.eventTime { return }
    latest = (eventTime, readAt)
  }

  /// Event time at monotonic time `now`, less the lateness; `nil` before any event.
  public func eventTime(at now: Int64) -> Int64? {
    guard let latest else { return nil }
    return latest.eventTime &+ max(0, now - latest.readAt) &- lateness
  }
}
