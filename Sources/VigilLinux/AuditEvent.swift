/// The records of one audit event (one serial), in the order they were logged.
public struct AuditEvent: Sendable, Equatable {
  public var serial: UInt64
  public var timestampMilliseconds: Int64
  public var records: [AuditRecord]
  /// Whether the closing `EOE` record was seen; events without one were closed by age, count or end of input.
  public var ended: Bool

  public init(serial: UInt64, timestampMilliseconds: Int64, records: [AuditRecord], ended: Bool) {
    self.serial = serial
    self.timestampMilliseconds = timestampMilliseconds
    self.records = records
    self.ended = ended
  }

  /// The first record of a type.
  public func record(_ type: String) -> AuditRecord? { records.first { $0.type == type } }

  /// All records of a type.
  public func records(_ type: String) -> [AuditRecord] { records.filter { $0.type == type } }
}
