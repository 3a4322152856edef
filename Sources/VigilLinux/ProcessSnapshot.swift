/// What /proc told us about one process at one moment. Every field may be missing: the process can exit, or
/// hide a file from us, between two reads.
public struct ProcessSnapshot: Sendable, Equatable {
  public var pid: Int32
  public var parentPID: Int32?
  /// The short name the kernel keeps (`comm`, at most 15 bytes), from `status`.
  public var command: String?
  public var executable: String?
  public var args: [String]?
  public var workingDirectory: String?
  public var realUserID: UInt32?
  public var effectiveUserID: UInt32?
  public var realGroupID: UInt32?
  public var effectiveGroupID: UInt32?
  /// The process group and session ids (the pids of their leaders), from `stat`.
  public var processGroupID: Int32?
  public var sessionID: Int32?
  /// The controlling terminal's device number (`tty_nr` in `stat`); 0 when there is none.
  public var terminal: Int32?
  /// Effective and permitted capability masks (`CapEff`, `CapPrm` in `status`).
  public var effectiveCapabilities: UInt64?
  public var permittedCapabilities: UInt64?
  /// Start time in clock ticks after boot, from `stat`; with the pid it identifies a process for its lifetime.
  public var startTicks: UInt64?
  /// Files that existed but could not be read (permissions), by name (`exe`, `cwd`, `cmdline`...).
  public var denied: [String] = []

  public init(pid: Int32) { self.pid = pid }

  /// The process name as Elastic Defend reports it: the executable's file name, else `comm`.
  public var name: String? {
    if let executable, let last = executable.split(separator: "/").last {
      return String(last.hasSuffix(" (deleted)") ? last.dropLast(10) : last)
    }
    return command
  }

  /// The command line as one string: the arguments joined with spaces.
  public var commandLine: String? { args.map { $0.joined(separator: " ") } }
}
