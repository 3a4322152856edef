import Foundation
import Testing

/// `vigil scan --mode replay`, run as a user would.
@Suite(.serialized)
struct ScanReplayCommandTests {
  static func alerts(_ result: VigilRunner.Result) throws -> [[String: Any]] {
    try result.stdoutLines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
  }

  @Test func replaysTheShippedExamplesOnKibanasSchedule() throws {
    let result = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--mode", "replay", "Examples/events"])
    #expect(result.status == 0, "\(result.stderr)")
    let alerts = try Self.alerts(result)
    #expect(alerts.count == 11)
    // Every alert carries its run time: the examples' rules run every 5 minutes on the interval's grid.
    let times = alerts.compactMap { $0["@timestamp"] as? String }
    #expect(times.count == 11)
    #expect(
      times.allSatisfy { time in
        Int(time.dropFirst(14).prefix(2)).map { $0 % 5 == 0 } == true && time.dropFirst(17).hasPrefix("00.000Z")
      })
    // The threshold run counts every failed login of its window, where stream mode alerts at the fifth.
    let guessing = try #require(alerts.first { ($0["kibana.alert.rule.name"] as? String)?.contains("SSH") == true })
    #expect((guessing["kibana.alert.threshold_result"] as? [String: Any])?["count"] as? Int == 6)
    #expect(result.stderr.contains("Alerts: 11 ("))
    #expect(result.stderr.contains("Replay: 20 rule runs simulated."))
  }

  @Test func replayDoesNotDependOnInputOrder() throws {
    let path = VigilRunner.packageRoot.appendingPathComponent("Examples/events/linux_hosts.ndjson")
    let lines = try String(contentsOf: path, encoding: .utf8).split(separator: "\n")
    let reversed = Data((lines.reversed().joined(separator: "\n") + "\n").utf8)
    let forward = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--mode", "replay", path.path])
    let backward = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--mode", "replay"], input: reversed)
    #expect(backward.status == 0, "\(backward.stderr)")
    let ids = { (result: VigilRunner.Result) in
      try Self.alerts(result).compactMap { $0["kibana.alert.uuid"] as? String }.sorted()
    }
    #expect(try ids(forward).count == 11)
    #expect(try ids(forward) == ids(backward))
  }

  @Test func startAndEndLimitTheRuns() throws {
    // Runs from 10:00 on: the web-shell, download and guessing alerts of 09:00-09:05 are before every window.
    let result = try VigilRunner.run([
      "scan", "--rules", "Examples/rules", "--mode", "replay", "--start", "2026-11-02T10:00:00Z", "--end",
      "2026-11-03", "Examples/events",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let names = try Self.alerts(result).compactMap { $0["kibana.alert.rule.name"] as? String }
    #expect(
      names == [
        "Example: First Network Discovery by a Parent Process", "Example: First Network Discovery by a Parent Process",
      ])
  }

  @Test func badStartIsAUsageError() throws {
    let result = try VigilRunner.run([
      "scan", "--rules", "Examples/rules", "--mode", "replay", "--start", "yesterday", "Examples/events",
    ])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--start: 'yesterday' is not an ISO-8601 time (e.g. 2026-11-02T10:00:00Z)"))
    let streamWithStart = try VigilRunner.run([
      "scan", "--rules", "Examples/rules", "--start", "2026-11-02T10:00:00Z", "Examples/events",
    ])
    #expect(streamWithStart.status == 2)
    #expect(streamWithStart.stderr.contains("--start and --end need --mode replay"))
  }
}
