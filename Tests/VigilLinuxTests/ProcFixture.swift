@testable import VigilLinux

/// A fake /proc and /etc in a temporary folder: a curl (pid 100, effective root, real alice) started by systemd.
struct ProcFixture {
  let folder: TemporaryFolder
  var proc: ProcFS { ProcFS(root: folder.path + "/proc") }
  var root: String { folder.path }

  static let users = UserDirectory(users: [0: "root", 1000: "alice"], groups: [0: "root", 1000: "alice"])
  static let host = HostInfo(
    id: "abc", hostname: "box", architecture: "x86_64", osFamily: "debian", osName: "Debian GNU/Linux",
    osPlatform: "debian", osVersion: "12", osFull: "Debian GNU/Linux 12 (bookworm)", osKernel: "6.18.0")
  /// 2023-11-14T22:13:20Z, 5 s after boot.
  static let clock = SensorClock.fixed(realtime: 1_700_000_000_000_000_000, monotonic: 5_000_000_000)

  init() throws {
    folder = try TemporaryFolder()
    try folder.write("proc/stat", "cpu  1 2 3\nbtime 1700000000\nprocesses 9\n")
    try addProcess(
      pid: 100, command: "my (odd) cmd", name: "curl", parent: 1, group: 100, session: 90, start: 12345,
      uids: "1000\t0\t0\t0", gids: "1000\t1000\t1000\t1000", cmdline: ["curl", "-s", "http://example.com/a b"],
      exe: "/usr/bin/curl", cwd: "/home/alice", terminal: 34816, capabilities: ("0000000000000080", "00000000000000c0"))
    try addProcess(
      pid: 1, command: "systemd", name: "systemd", parent: 0, group: 1, session: 1, start: 1, uids: "0\t0\t0\t0",
      gids: "0\t0\t0\t0", cmdline: ["/sbin/init"], exe: "/usr/lib/systemd/systemd", cwd: "/")
  }

  func addProcess(
    pid: Int32, command: String, name: String, parent: Int32, group: Int32, session: Int32, start: UInt64,
    uids: String, gids: String, cmdline: [String]?, exe: String?, cwd: String?, terminal: Int32 = 0,
    capabilities: (effective: String, permitted: String) = ("0000000000000000", "0000000000000000")
  ) throws {
    let base = "proc/\(pid)"
    try folder.write(
      "\(base)/stat",
      "\(pid) (\(command)) S \(parent) \(group) \(session) \(terminal) -1 4194304 10 0 0 0 1 2 0 0 20 0 1 0 \(start) "
        + "1000000 100\n")
    try folder.write(
      "\(base)/status",
      "Name:\t\(name)\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t\(pid)\nPid:\t\(pid)\nPPid:\t\(parent)\n"
        + "Uid:\t\(uids)\nGid:\t\(gids)\nCapInh:\t0000000000000000\nCapPrm:\t\(capabilities.permitted)\n"
        + "CapEff:\t\(capabilities.effective)\n")
    if let cmdline { try folder.write("\(base)/cmdline", Array(cmdline.joined(separator: "\0").utf8) + [0]) }
    if let exe { try folder.link("\(base)/exe", to: exe) }
    if let cwd { try folder.link("\(base)/cwd", to: cwd) }
  }

  func builder() -> ProcessEventBuilder {
    ProcessEventBuilder(procFS: proc, host: Self.host, users: Self.users, clock: Self.clock, bootTime: 1_700_000_000)
  }
}
