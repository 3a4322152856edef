/// Counters of an ``AuditLogReader``.
public struct AuditLogStatistics: Sendable, Equatable {
  public var lines: UInt64 = 0
  /// Lines that are not audit records (reported, then skipped).
  public var malformedLines: UInt64 = 0
  /// Events assembled from records.
  public var events: UInt64 = 0
  /// Events closed without their `EOE` record.
  public var eventsWithoutEnd: UInt64 = 0
  /// Exec events mapped to documents.
  public var documents: UInt64 = 0
  /// Times the followed file was truncated or replaced (log rotation) and read again from its start.
  public var reopened: UInt64 = 0

  public init() {}

  /// One line for humans.
  public var summary: String {
    var parts = ["events \(documents) (exec) of \(events) audit events, \(lines) lines"]
    if malformedLines > 0 { parts.append("malformed lines \(malformedLines)") }
    if eventsWithoutEnd > 0 { parts.append("events without EOE \(eventsWithoutEnd)") }
    if reopened > 0 { parts.append("reopened after rotation \(reopened)") }
    return parts.joined(separator: ", ")
  }
}
