import Glibc

/// Where `vigil watch` gets its events: the seam between the Linux sensors and whatever consumes ECS documents
/// (the NDJSON writer and the detection engine).
///
/// Call ``ProcessEventReading/next()`` (or ``next(waitingAtMost:)``) in a loop until it returns `nil` (end of input,
/// or a stop was requested through the wake descriptor the source was made with). Single-owner, like the sensors it
/// wraps.
public enum ProcessEventSource: ProcessEventReading {
  /// The kernel's process events connector, enriched from /proc (needs root or CAP_NET_ADMIN).
  case connector(ProcessEventCollector)
  /// An auditd log, read once or followed.
  case auditLog(AuditLogReader)

  /// The live host: the process connector, enriched from this machine's /proc, /etc and uname. `wake` (see
  /// ``StopSignal``) ends ``next()``.
  public static func kernel(wake: Int32?) throws(LinuxSensorError) -> ProcessEventSource {
    let builder = ProcessEventBuilder(
      host: HostInfo.read(), users: UserDirectory.read(), bootTime: ProcFS().bootTime(),
      ticksPerSecond: Int64(sysconf(Int32(_SC_CLK_TCK))))
    return .connector(try ProcessEventCollector(builder: builder, wake: wake))
  }

  /// An auditd log, mapped with this machine's host facts and user names; `follow` keeps reading as it grows.
  public static func auditLog(path: String, follow: Bool, wake: Int32?) throws(LinuxSensorError)
    -> ProcessEventSource
  {
    let mapper = AuditExecMapper(host: HostInfo.read(), users: UserDirectory.read())
    return .auditLog(try AuditLogReader(path: path, follow: follow, mapper: mapper, wake: wake))
  }

  /// What ``next(waitingAtMost:)`` found.
  public enum Reading {
    case document(ECSDocument)
    /// No event came within the time given: the source is quiet, not done.
    case idle
  }

  /// The next ECS document, or ``Reading/idle`` when none came within about `milliseconds` (`nil`: wait for as long
  /// as it takes; an audit log read to its end without following never idles); `nil` when the source is done. A
  /// consumer whose work depends on time passing (the scheduled windows of some rules) calls this to get control
  /// back while the host is quiet; ``ProcessEventReading/next()`` waits for a document.
  public func next(waitingAtMost milliseconds: Int?) throws(LinuxSensorError) -> Reading? {
    switch self {
    case .connector(let collector): try collector.next(waitingAtMost: milliseconds)
    case .auditLog(let reader): try reader.next(waitingAtMost: milliseconds)
    }
  }

  /// The source's counters as one line: documents, and what was dropped or skipped.
  public var summary: String {
    switch self {
    case .connector(let collector): collector.statistics.summary
    case .auditLog(let reader): reader.statistics.summary
    }
  }

  /// Whether the input had records that could not be read (malformed audit log lines, reported as they come).
  public var hadInputErrors: Bool {
    switch self {
    case .connector(let collector): collector.statistics.malformed > 0
    case .auditLog(let reader): reader.statistics.malformedLines > 0
    }
  }

  /// Whether events are known to have been lost (kernel drops); `vigil watch` reports it.
  public var hasDrops: Bool {
    switch self {
    case .connector(let collector): collector.statistics.hasDrops
    case .auditLog: false
    }
  }
}
