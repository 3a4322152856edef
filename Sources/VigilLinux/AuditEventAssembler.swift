/// Joins audit records into events by serial. Records of different events may interleave.
///
/// An event closes at its `EOE` record; without one (single-record events, or a lost `EOE`) it closes once a
/// record ``maximumAgeMilliseconds`` newer has been seen, when more than ``maximumPending`` events are open, or
/// on ``finish()``.
public struct AuditEventAssembler: Sendable {
  /// Events kept open at most; past it the oldest closes.
  public var maximumPending: Int
  /// How much newer (in log time) a record must be to close an event still open.
  public var maximumAgeMilliseconds: Int64
  private var open: [UInt64: AuditEvent] = [:]
  private var order: [UInt64] = []
  private var newest: Int64 = .min
  /// Events closed without their `EOE` record.
  public private(set) var closedWithoutEnd = 0

  public init(maximumPending: Int = 256, maximumAgeMilliseconds: Int64 = 2000) {
    self.maximumPending = maximumPending
    self.maximumAgeMilliseconds = maximumAgeMilliseconds
  }

  /// Events still waiting for more records.
  public var pending: Int { open.count }

  /// Adds a record; returns the events it (or its timestamp) closed, oldest first.
  public mutating func add(_ record: AuditRecord) -> [AuditEvent] {
    var closed: [AuditEvent] = []
    newest = max(newest, record.timestampMilliseconds)
    if record.type == "EOE" {
      if var event = open.removeValue(forKey: record.serial) {
        order.removeAll { $0 == record.serial }
        event.ended = true
        closed.append(event)
      }
    } else if open[record.serial] != nil {
      open[record.serial]!.records.append(record)
    } else {
      open[record.serial] = AuditEvent(
        serial: record.serial, timestampMilliseconds: record.timestampMilliseconds, records: [record], ended: false)
      order.append(record.serial)
    }
    while let oldest = order.first, let event = open[oldest],
      open.count > maximumPending || newest - event.timestampMilliseconds > maximumAgeMilliseconds
    {
      closed.append(close(oldest))
    }
    return closed
  }

  /// Closes every open event (end of input, or the log went quiet).
  public mutating func finish() -> [AuditEvent] {
    let serials = order
    return serials.map { close($0) }
  }

  private mutating func close(_ serial: UInt64) -> AuditEvent {
    order.removeAll { $0 == serial }
    closedWithoutEnd += 1
    return open.removeValue(forKey: serial)!
  }
}
