/// Reads process facts from a proc file system mounted at ``root`` (`/proc` on a live host, a fixture folder in
/// tests). Reads are independent and best-effort: whatever is gone or hidden is left out of the snapshot.
public struct ProcFS: Sendable {
  /// The mount point, without a trailing slash.
  public var root: String

  public init(root: String = "/proc") {
    self.root = root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root
  }

  /// A snapshot of process `pid`, or `nil` when /proc has no trace of it (it exited before we looked).
  ///
  /// The image's files (`exe`, `cmdline`, `cwd`) are read first: they are gone the moment the process exits,
  /// while `stat` and `status` stay readable until its parent reaps it.
  public func snapshot(pid: Int32) -> ProcessSnapshot? {
    let base = "\(root)/\(pid)"
    var snapshot = ProcessSnapshot(pid: pid)
    var found = false

    let exe = FileReading.link("\(base)/exe")
    snapshot.executable = exe.target
    switch FileReading.read("\(base)/cmdline", limit: 256 << 10) {
    case .bytes(let bytes): snapshot.args = Self.arguments(bytes)
    case .denied: snapshot.denied.append("cmdline")
    default: break
    }
    let cwd = FileReading.link("\(base)/cwd")
    snapshot.workingDirectory = cwd.target
    if exe.outcome == .denied { snapshot.denied.append("exe") }
    if cwd.outcome == .denied { snapshot.denied.append("cwd") }

    switch FileReading.read("\(base)/stat") {
    case .bytes(let bytes):
      found = true
      if let stat = ProcStat(bytes) {
        snapshot.parentPID = stat.parentPID
        snapshot.processGroupID = stat.processGroupID
        snapshot.sessionID = stat.sessionID
        snapshot.startTicks = stat.startTicks
        snapshot.terminal = stat.terminal
        snapshot.command = stat.command
      }
    case .denied:
      found = true
      snapshot.denied.append("stat")
    default: break
    }

    switch FileReading.read("\(base)/status", limit: 64 << 10) {
    case .bytes(let bytes):
      found = true
      let status = ProcStatus(bytes)
      snapshot.command = status.name ?? snapshot.command
      snapshot.parentPID = status.parentPID ?? snapshot.parentPID
      snapshot.realUserID = status.userIDs.first
      snapshot.effectiveUserID = status.userIDs.count > 1 ? status.userIDs[1] : nil
      snapshot.realGroupID = status.groupIDs.first
      snapshot.effectiveGroupID = status.groupIDs.count > 1 ? status.groupIDs[1] : nil
      snapshot.effectiveCapabilities = status.effectiveCapabilities
      snapshot.permittedCapabilities = status.permittedCapabilities
    case .denied:
      found = true
      snapshot.denied.append("status")
    default: break
    }
    // A process that vanished between the reads keeps what was read of it; one never seen has no snapshot.
    guard found || snapshot.executable != nil || snapshot.args != nil else { return nil }
    return snapshot
  }

  /// The boot time in seconds since the epoch (`btime` in `stat`), to turn start ticks into dates.
  public func bootTime() -> Int64? {
    guard let text = FileReading.text("\(root)/stat") else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("btime ") {
      return Int64(line.dropFirst(6).trimmingCharacters(in: " "))
    }
    return nil
  }

  /// Splits `cmdline` (arguments ended by NUL) into arguments; `nil` for a kernel thread's empty file.
  static func arguments(_ bytes: [UInt8]) -> [String]? {
    guard !bytes.isEmpty else { return nil }
    var parts = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    if bytes.last == 0 { parts.removeLast() }
    return parts
  }
}

extension Substring {
  func trimmingCharacters(in set: Character) -> Substring {
    var slice = self
    while slice.first == set { slice = slice.dropFirst() }
    while slice.last == set { slice = slice.dropLast() }
    return slice
  }
}
