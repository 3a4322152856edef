import Glibc

/// Why a Linux sensor could not start or continue. Messages say what is needed, for people to act on.
public enum LinuxSensorError: Error, Equatable, CustomStringConvertible {
  /// The kernel refused for lack of privilege (`EPERM`/`EACCES`); `operation` says what was refused.
  case permissionDenied(operation: String)
  /// The kernel has no process events connector (built without `CONFIG_PROC_EVENTS`, or a sandbox hides it).
  case connectorUnavailable(reason: String)
  /// Another system call failed.
  case system(operation: String, errno: Int32)
  /// A file could not be opened or read.
  case file(path: String, errno: Int32)

  public var description: String {
    switch self {
    case .permissionDenied(let operation):
      "\(operation): permission denied. Watching process events through the kernel's process connector needs "
        + "root or the CAP_NET_ADMIN capability (for example `sudo vigil watch`, or "
        + "`setcap cap_net_admin+ep` on the binary). Without it, read an auditd log instead: "
        + "`vigil watch --audit-log /var/log/audit/audit.log --follow`."
    case .connectorUnavailable(let reason):
      "the kernel's process events connector is not available (\(reason)); it needs a kernel built with "
        + "CONFIG_PROC_EVENTS and a network namespace that can reach it (not a nested container or gVisor). "
        + "Read an auditd log instead: `vigil watch --audit-log /var/log/audit/audit.log --follow`."
    case .system(let operation, let code):
      "\(operation) failed: \(Self.message(code))"
    case .file(let path, let code):
      "\(path): \(Self.message(code))"
    }
  }

  static func message(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
