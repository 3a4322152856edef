/// The stretch of event time a replay simulates Kibana's schedule over (`vigil scan --mode replay --start --end`).
public struct ReplayRange: Sendable, Equatable {
  /// The time of every rule's first run, nanoseconds since the epoch; `nil`: the first multiple of the rule's
  /// interval (since the epoch) at or after its earliest event, so that the first window covers that event.
  public var start: Int64?
  /// The time the last run's window must still reach back to, nanoseconds since the epoch (runs go on until their
  /// window starts after it); `nil`: the rule's latest event, so every window that holds an event is run.
  public var end: Int64?

  public init(start: Int64? = nil, end: Int64? = nil) {
    self.start = start
    self.end = end
  }
}
