/// A sensor that yields ECS documents one at a time: the live connector (``ProcessEventCollector``), an auditd log
/// (``AuditLogReader``), or either of them (``ProcessEventSource``).
public protocol ProcessEventReading {
  /// The next document, or ``ProcessEventSource/Reading/idle`` when none came within about `milliseconds` (`nil`:
  /// wait for as long as it takes); `nil` when the sensor is done (end of input, or a stop was requested).
  func next(waitingAtMost milliseconds: Int?) throws(LinuxSensorError) -> ProcessEventSource.Reading?
}

extension ProcessEventReading {
  /// The next document, waiting for as long as it takes; `nil` when the sensor is done.
  public func next() throws(LinuxSensorError) -> ECSDocument? {
    while true {
      switch try next(waitingAtMost: nil) {
      case .document(let document): return document
      case .idle: continue
      case nil: return nil
      }
    }
  }
}
