/// One message of the kernel's process events connector (`struct proc_event`), decoded.
public struct ProcConnectorEvent: Sendable, Equatable {
  /// What happened, with the identifiers the kernel sends for it. Pids are thread ids, tgids process ids.
  public enum Kind: Sendable, Equatable {
    /// The kernel's answer to a listen or ignore request (`PROC_EVENT_NONE`); `error` 0 means accepted.
    case acknowledgement(error: UInt32)
    /// A task was cloned: a new process when `childPID == childTGID`, else a new thread.
    case fork(parentPID: Int32, parentTGID: Int32, childPID: Int32, childTGID: Int32)
    /// A process replaced its image with `execve`.
    case exec(pid: Int32, tgid: Int32)
    /// A task ended; `parentPID`/`parentTGID` are sent by kernels from 4.18 on.
    case exit(pid: Int32, tgid: Int32, exitCode: UInt32, exitSignal: UInt32, parentPID: Int32?, parentTGID: Int32?)
    /// Any other event (uid/gid/sid change, ptrace, comm, coredump), by its `what` value.
    case other(what: UInt32)
  }

  public var kind: Kind
  /// The CPU the event was raised on; the connector's sequence numbers count per CPU.
  public var cpu: UInt32
  /// The connector's sequence number (`cn_msg.seq`), per CPU.
  public var sequence: UInt32
  /// When the kernel raised the event, in `CLOCK_MONOTONIC` nanoseconds.
  public var timestampNanoseconds: UInt64

  public init(kind: Kind, cpu: UInt32, sequence: UInt32, timestampNanoseconds: UInt64) {
    self.kind = kind
    self.cpu = cpu
    self.sequence = sequence
    self.timestampNanoseconds = timestampNanoseconds
  }
}
