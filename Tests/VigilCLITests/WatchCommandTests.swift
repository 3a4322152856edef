import Foundation
import Testing
import VigilTestSupport

/// `vigil watch --rules` on this host's live process events. Runs only as root, where the kernel's process
/// connector can be opened; skipped with a message otherwise.
@Suite(.serialized)
struct WatchCommandTests {
  /// Starts `vigil watch` with `arguments`: standard error piped (its banner and closing summary), output discarded.
  static func startWatch(_ arguments: [String]) throws -> (process: Process, errors: Pipe) {
    let watch = Process()
    watch.executableURL = VigilRunner.executable
    watch.arguments = ["watch"] + arguments
    let errors = Pipe()
    watch.standardError = errors
    watch.standardOutput = FileHandle.nullDevice
    try watch.run()
    return (watch, errors)
  }

  /// Interrupts `watch` when it still runs, as Ctrl-C would, and waits for it to end.
  static func stop(_ watch: Process) {
    guard watch.isRunning else { return }
    watch.interrupt()
    watch.waitUntilExit()
  }

  /// Starts `vigil watch` with `rules`, starts `commands` (without waiting for them), and returns the alert lines
  /// written within `seconds` of starting them, and the events collected.
  static func watch(
    rules: URL, running commands: [[String]], within seconds: Double = 2
  ) throws -> (alerts: [String], events: [String])? {
    guard getuid() == 0 else {
      print("skipped: vigil watch tests need root for the kernel's process connector")
      return nil
    }
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("alerts.ndjson")
    let events = folder.appendingPathComponent("events.ndjson")
    let (watch, errors) = try Self.startWatch([
      "--rules", rules.path, "--output", output.path, "--emit-events", events.path,
    ])
    defer { Self.stop(watch) }
    // Wait until the rules are loaded and the connector is open.
    let ready = Date().addingTimeInterval(20)
    var banner = ""
    while Date() < ready, !banner.contains("running"), watch.isRunning {
      banner += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
    }
    guard watch.isRunning else {
      print("skipped: vigil watch could not start: \(banner)")
      return nil
    }
    Thread.sleep(forTimeInterval: 0.3)
    let started = Date()
    var children: [Process] = []
    for command in commands {
      // Run the program itself, not through env: env's own exec would be a second exec event of the same process.
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/" + command[0])
      process.arguments = Array(command.dropFirst())
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      children.append(process)
    }
    while Date().timeIntervalSince(started) < seconds { Thread.sleep(forTimeInterval: 0.05) }
    let alerts = ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    // Children of Foundation's Process start with SIGTERM blocked; SIGKILL always works.
    for child in children where child.isRunning { kill(child.processIdentifier, SIGKILL) }
    Self.stop(watch)
    let collected = ((try? String(contentsOf: events, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    return (alerts, collected)
  }

  /// A Unix socket at `path` that accepts connections and holds each for `seconds`, so clients stay alive.
  static func listen(at path: String, seconds: Double = 1.5) throws -> Process {
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["python3", "-c", """
      import os, socket, sys, threading, time
      path = sys.argv[1]
      if os.path.exists(path): os.unlink(path)
      s = socket.socket(socket.AF_UNIX); s.bind(path); s.listen(8); s.settimeout(0.2)
      def hold(c): time.sleep(float(sys.argv[2])); c.close()
      deadline = time.time() + 15
      while time.time() < deadline:
          try: c, _ = s.accept()
          except socket.timeout: continue
          threading.Thread(target=hold, args=(c,), daemon=True).start()
      os.unlink(path)
      """, path, String(seconds)]
    try server.run()
    let ready = Date().addingTimeInterval(5)
    while !FileManager.default.fileExists(atPath: path), Date() < ready { Thread.sleep(forTimeInterval: 0.05) }
    return server
  }

  @Test func aRuleAlertsOnAProcessStartedWhileWatching() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rule = folder.appendingPathComponent("sleep.toml")
    try TestRuleTOML.text(
      name: "Sleep Started", ruleID: "5b7d4c2a-1111-4222-8333-944455556666",
      query: "event.action:exec and process.name:sleep and process.args:0.31", index: ["logs-endpoint.events.process*"]
    ).write(to: rule, atomically: true, encoding: .utf8)
    guard let (alerts, _) = try Self.watch(rules: rule, running: [["sleep", "0.31"], ["sleep", "0.32"]]) else { return }
    #expect(alerts.count == 1)
    #expect(alerts.first?.contains(#""kibana.alert.rule.name":"Sleep Started""#) == true)
    #expect(alerts.first?.contains(#""args":["/usr/bin/sleep","0.31"]"#) == true)
  }

  /// Issue 9's end-to-end check: the unmodified corpus rule alerts on netcat and socat clients of sockets under
  /// /run within 2 seconds, and not on libvirt's socket.
  @Test func corpusUnixSocketRuleAlertsLiveOnNetcatAndSocat() throws {
    guard let corpus = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/nc"), FileManager.default.isExecutableFile(atPath: "/usr/bin/socat")
    else {
      print("skipped: needs netcat-openbsd and socat (.ci/run installs them)")
      return
    }
    guard getuid() == 0 else {
      print("skipped: vigil watch tests need root for the kernel's process connector and /run")
      return
    }
    let rule = corpus.appendingPathComponent("rules/linux/execution_unix_socket_communication.toml")
    let name = "vigil-test-\(getpid())"
    let socket = "/run/\(name).sock"
    let libvirtFolder = "/var/run/libvirt"
    let libvirt = libvirtFolder + "/libvirt-sock"
    let ownsLibvirt = !FileManager.default.fileExists(atPath: libvirt)
    try FileManager.default.createDirectory(atPath: libvirtFolder, withIntermediateDirectories: true)
    var servers = [try Self.listen(at: socket)]
    if ownsLibvirt { servers.append(try Self.listen(at: libvirt)) }
    defer {
      for server in servers { kill(server.processIdentifier, SIGKILL) }
      try? FileManager.default.removeItem(atPath: socket)
      if ownsLibvirt { try? FileManager.default.removeItem(atPath: libvirt) }
    }
    guard let (alerts, events) = try Self.watch(rules: rule, running: [
      ["nc", "-U", socket], ["socat", "-", "UNIX-CLIENT:\(socket)"], ["nc", "-U", libvirt],
    ]) else { return }
    let commandLines = alerts.compactMap { line -> String? in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return (object?["process"] as? [String: Any])?["command_line"] as? String
    }
    // Process passes the program's full path as argv[0].
    #expect(commandLines.sorted() == ["/usr/bin/nc -U \(socket)", "/usr/bin/socat - UNIX-CLIENT:\(socket)"], "\(alerts)")
    #expect(alerts.allSatisfy { $0.contains(#""kibana.alert.rule.name":"Unix Socket Connection""#) })
    // The libvirt client was seen with its arguments, and the rule left it alone.
    #expect(events.contains { $0.contains(#""command_line":"/usr/bin/nc -U /var/run/libvirt/libvirt-sock""#) })
  }
}

/// `vigil watch --audit-log FILE --follow --rules`: runs anywhere (no root needed).
@Suite(.serialized)
struct WatchAuditLogTests {
  /// An exec of `name` (pid `pid`) at `seconds` since the epoch, as auditd writes it.
  static func exec(_ name: String, pid: Int, at seconds: Int, serial: Int) -> String {
    let stamp = "msg=audit(\(seconds).000:\(serial)):"
    return """
      type=SYSCALL \(stamp) arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=0 items=1 ppid=1 pid=\(pid) \
      auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=1 comm="\(name)" \
      exe="/usr/bin/\(name)" key=(null)
      type=EXECVE \(stamp) argc=1 a0="\(name)"
      type=EOE \(stamp)\u{20}

      """
  }

  /// Two curl runs in the window of the run at 1700000100 and, ten minutes later, an `ls` that no rule matches:
  /// the aggregating rule's run happens as the clock passes its window, while watch still runs, not when it stops.
  @Test func anAggregatingRuleAlertsOnceItsWindowHasPassedWithoutAnotherEventOfIt() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rule = folder.appendingPathComponent("curl.toml")
    try TestRuleTOML.text(
      name: "Curl Twice", ruleID: "5b7d4c2a-1111-4222-8333-944455556667", type: "esql", language: "esql",
      query: """
        from logs-*
        | where process.name == "curl"
        | stats Esql.runs = count(*) by host.name
        | where Esql.runs >= 2
        """,
      from: "now-6m", interval: "5m"
    ).write(to: rule, atomically: true, encoding: .utf8)
    let log = folder.appendingPathComponent("audit.log")
    let lines =
      Self.exec("curl", pid: 10, at: 1_700_000_000, serial: 1)
      + Self.exec("curl", pid: 11, at: 1_700_000_001, serial: 2)
      + Self.exec("ls", pid: 12, at: 1_700_000_600, serial: 3)
    try lines.write(to: log, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("alerts.ndjson")
    let (watch, errors) = try WatchCommandTests.startWatch([
      "--audit-log", log.path, "--follow", "--rules", rule.path, "--output", output.path, "--emit-events", "/dev/null",
    ])
    defer { WatchCommandTests.stop(watch) }
    var alerts: [String] = []
    let deadline = Date().addingTimeInterval(10)
    while alerts.isEmpty, Date() < deadline, watch.isRunning {
      Thread.sleep(forTimeInterval: 0.05)
      alerts = ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
    #expect(watch.isRunning, "the alert came while watch was following the log")
    WatchCommandTests.stop(watch)
    let summary = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(alerts.count == 1, "\(summary)")
    #expect(summary.contains("ALERT low  Curl Twice  Esql.runs=2 host.name="), "\(summary)")
    #expect(alerts.first?.contains(#""Esql.runs":2"#) == true)
    #expect(alerts.first?.contains(#""@timestamp":"2023-11-14T22:15:00.000Z""#) == true, "the run of 1700000100")
    let final = ((try? String(contentsOf: output, encoding: .utf8)) ?? "").split(separator: "\n")
    #expect(final.count == 1, "stopping adds no alert: the window had run")
  }
}
