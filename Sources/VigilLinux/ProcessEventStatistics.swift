/// Counters of a process event sensor, reported at the end of `vigil watch` and on request. Nothing is dropped
/// without being counted here.
public struct ProcessEventStatistics: Sendable, Equatable {
  /// Documents produced.
  public var documents: UInt64 = 0
  /// Kernel messages received (datagrams may hold several).
  public var messages: UInt64 = 0
  /// Messages lost in the kernel, from gaps in the connector's sequence numbers.
  public var lostMessages: UInt64 = 0
  /// Receive-buffer overruns (`ENOBUFS`): the kernel dropped an unknown number of messages.
  public var overruns: UInt64 = 0
  /// Messages that could not be parsed, and netlink error messages.
  public var malformed: UInt64 = 0
  /// Thread creations and thread exits, which are not process events.
  public var threadEvents: UInt64 = 0
  /// Connector events of other kinds (uid/gid/sid changes, ptrace, comm, coredump).
  public var otherEvents: UInt64 = 0
  /// Processes that had exited before /proc could be read: reported with what was known.
  public var vanished: UInt64 = 0
  /// Processes whose /proc files could not all be read for lack of permission.
  public var permissionDenied: UInt64 = 0
  /// Execs of vanished processes whose fork had not been seen, held a moment for it (it may come after the exec,
  /// from another CPU); some of them never have one (a fork before the sensor started).
  public var execsHeldForFork: UInt64 = 0

  public init() {}

  /// Whether the kernel is known to have dropped messages.
  public var hasDrops: Bool { lostMessages > 0 || overruns > 0 }

  /// One line for humans: `events 12, dropped 0 (lost 0, overruns 0), ...`.
  public var summary: String {
    var parts = ["events \(documents)", "dropped \(lostMessages) (sequence gaps) + \(overruns) overruns"]
    if malformed > 0 { parts.append("malformed \(malformed)") }
    if vanished > 0 { parts.append("exited before /proc was read \(vanished)") }
    if execsHeldForFork > 0 { parts.append("exec waited for its fork \(execsHeldForFork)") }
    if permissionDenied > 0 { parts.append("/proc permission denied \(permissionDenied)") }
    return parts.joined(separator: ", ")
  }
}
