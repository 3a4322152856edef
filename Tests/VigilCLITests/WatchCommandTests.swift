import Foundation
import Testing

/// `vigil watch --rules` on this host's live process events. Runs only as root, where the kernel's process
/// connector can be opened; skipped with a message otherwise.
@Suite(.serialized)
struct WatchCommandTests {
  /// Starts `vigil watch` with `rules`, runs `commands`, and returns the alert lines written within `seconds`.
  static func alerts(rules: URL, running commands: [[String]], within seconds: Double = 2) throws -> [String]? {
    guard getuid() == 0 else {
      print("skipped: vigil watch tests need root for the kernel's process connector")
      return nil
    }
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("alerts.ndjson")
    let watch = Process()
    watch.executableURL = VigilRunner.executable
    watch.arguments = ["watch", "--rules", rules.path, "--output", output.path]
    let errors = Pipe()
    watch.standardError = errors
    watch.standardOutput = FileHandle.nullDevice
    try watch.run()
    defer {
      if watch.isRunning {
        watch.interrupt()
        watch.waitUntilExit()
      }
    }
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
    for command in commands {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = command
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
    }
    while Date().timeIntervalSince(started) < seconds { Thread.sleep(forTimeInterval: 0.1) }
    let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
  }

  @Test func aRuleAlertsOnAProcessStartedWhileWatching() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rule = folder.appendingPathComponent("sleep.toml")
    try """
      [metadata]
      creation_date = "2026/01/02"
      updated_date = "2026/01/02"
      [rule]
      author = ["T"]
      description = "d"
      index = ["logs-endpoint.events.process*"]
      language = "kuery"
      name = "Sleep Started"
      risk_score = 21
      rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
      severity = "low"
      type = "query"
      query = "event.action:exec and process.name:sleep and process.args:0.31"
      """.write(to: rule, atomically: true, encoding: .utf8)
    guard let alerts = try Self.alerts(rules: rule, running: [["sleep", "0.31"], ["sleep", "0.32"]]) else { return }
    #expect(alerts.count == 1)
    #expect(alerts.first?.contains(#""kibana.alert.rule.name":"Sleep Started""#) == true)
    #expect(alerts.first?.contains(#""args":["sleep","0.31"]"#) == true)
  }
}
