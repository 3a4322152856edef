import Glibc

nonisolated(unsafe) private var stopSignalWriteEnd: Int32 = -1

/// Turns SIGINT and SIGTERM into a readable file descriptor, so that a thread blocked in `poll` wakes up and
/// ends cleanly instead of being killed. A second signal of the same kind kills as usual (a stuck write).
public enum StopSignal {
  /// Installs the handlers (once per process) and returns the descriptor that becomes readable on a signal.
  public static func install(signals: [Int32] = [SIGINT, SIGTERM]) -> Int32 {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return -1 }
    for end in ends {
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      _ = fcntl(end, F_SETFL, O_NONBLOCK)
    }
    stopSignalWriteEnd = ends[1]
    // A parent may start us with these signals blocked (Foundation's Process does); unblock them so they arrive.
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    for number in signals { sigaddset(&unblocked, number) }
    pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    for number in signals {
      signal(number) { number in
        var byte: UInt8 = 1
        _ = write(stopSignalWriteEnd, &byte, 1)  // async-signal-safe
        signal(number, SIG_DFL)  // a second signal ends the process at once
      }
    }
    return ends[0]
  }

  /// Whether a stop was requested on `descriptor` (without consuming it).
  public static func isRaised(_ descriptor: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, 0) == 1
  }
}
