import Foundation
import Testing
import VigilTestSupport

@Suite(.serialized)
struct ScanCommandTests {
  @Test func scansTheShippedExamplesToNDJSONAlerts() throws {
    let result = try VigilRunner.run(["scan", "--rules", "Examples/rules", "Examples/events"])
    #expect(result.status == 0, "\(result.stderr)")
    let alerts = try result.stdoutLines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(alerts.count == 11)
    #expect(alerts.contains { $0?["kibana.alert.rule.name"] as? String == "Example: Shell Started by a Web Server" })
    #expect(alerts.allSatisfy { $0?["event.kind"] as? String == "signal" })
    #expect(result.stderr.contains("Events: 30 read"))
    #expect(result.stderr.contains("6 run, 1 skipped"))
    #expect(result.stderr.contains("1 needs Elastic ML"))
    #expect(result.stderr.contains("Alerts: 11 (3 high, 3 medium, 5 low)."))
  }

  @Test func tableHasOneRowPerRule() throws {
    let result = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--format", "table", "Examples/events"])
    #expect(result.stdoutLines.count == 7)
    #expect(result.stdoutLines[0].hasPrefix("RULE"))
    let shell = try #require(result.stdoutLines.first { $0.contains("Example: Shell Started by a Web Server") })
    #expect(shell.contains("2026-11-02 09:02:00"))
    let discovery = try #require(result.stdoutLines.first { $0.contains("First Network Discovery") })
    #expect(discovery.contains(" 3 ") && discovery.contains("2026-11-02 10:00:00") && discovery.contains("2026-11-09 10:00:00"))
  }

  @Test func writesToAnOutputFile() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("alerts.ndjson")
    let result = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--output", output.path, "Examples/events"])
    #expect(result.status == 0)
    #expect(result.stdout.isEmpty)
    let written = try String(contentsOf: output, encoding: .utf8)
    #expect(written.split(separator: "\n").count == 11)
  }

  @Test func exceptionsWithoutAListApplyToEveryRule() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("exceptions.ndjson")
    let item = #"{"item_id":"web","name":"web servers","entries":[{"field":"process.parent.name","operator":"included","type":"match","value":"nginx"}]}"#
    try (item + "\n").write(to: file, atomically: true, encoding: .utf8)
    let result = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--exceptions", file.path, "Examples/events"])
    #expect(result.status == 0)
    #expect(!result.stdout.contains("Example: Shell Started by a Web Server"))
    #expect(result.stderr.contains("Alerts: 10 ("))
    try "{\"entries\": 3}\n".write(to: file, atomically: true, encoding: .utf8)
    let bad = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--exceptions", file.path, "Examples/events"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("\(file.path):1: error: 'entries' must be an array"))
  }

  @Test func corpusThreatMatchRuleAlertsOnAnIndicatorFromAThreatFile() throws {
    guard let corpus = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    let rule = corpus.appendingPathComponent("rules/threat_intel/threat_intel_indicator_match_address.toml").path
    guard FileManager.default.fileExists(atPath: rule) else { return }
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let yesterday = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-86_400))
    let indicator = #"{"@timestamp":"\#(yesterday)","event":{"module":"ti_abusech","category":"threat","kind":"enrichment","type":"indicator"},"data_stream":{"type":"logs","dataset":"ti_abusech.ip","namespace":"default"},"threat":{"feed":{"name":"AbuseCH"},"indicator":{"ip":"203.0.113.7"}}}"#
    let threat = folder.appendingPathComponent("indicators.ndjson")
    try (indicator + "\n").write(to: threat, atomically: true, encoding: .utf8)
    let result = try VigilRunner.run(["scan", "--rules", rule, "--threat", threat.path, "Examples/events"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("Threat indicators: 1 read."))
    let alerts = try result.stdoutLines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    #expect(alerts.count == 6)  // the six failed logins from 203.0.113.7
    let threatObject = alerts.first??["threat"] as? [String: Any]
    let enrichments = threatObject?["enrichments"] as? [[String: Any]]
    #expect((enrichments?.first?["matched"] as? [String: Any])?["atomic"] as? String == "203.0.113.7")
    let skipped = try VigilRunner.run(["scan", "--rules", rule, "Examples/events"])
    #expect(skipped.stderr.contains("1 needs threat indicators (--threat FILE)"))
  }

  @Test func threadsGiveTheAlertsOfOneThread() throws {
    let one = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--threads", "1", "Examples/events"])
    let two = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--threads", "2", "Examples/events"])
    #expect(one.status == 0 && two.status == 0)
    #expect(one.stdoutLines.count == 11)
    #expect(two.stdout == one.stdout)
    let zero = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--threads", "0", "Examples/events"])
    #expect(zero.status == 2)
    #expect(zero.stderr.contains("--threads must be at least 1"))
  }

  /// The example events are in time order: holding them for the reorder window, or stopping once they are found in
  /// order, or running them as they come, writes the same alerts in the same order.
  @Test func eventsInTimeOrderGiveTheSameAlertsWithOrWithoutAWindow() throws {
    let held = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--threads", "1", "Examples/events"])
    #expect(held.stdoutLines.count == 11)
    for arguments in [["--threads", "2"], ["--threads", "1", "--reorder-window", "0"]] {
      let other = try VigilRunner.run(["scan", "--rules", "Examples/rules"] + arguments + ["Examples/events"])
      #expect(other.stdout == held.stdout)
    }
  }

  @Test func needsRules() throws {
    let result = try VigilRunner.run(["scan", "Examples/events"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--rules"))
  }

  @Test func eventsWithoutAnIndexAreSeenByEveryRuleUnlessOneIsGiven() throws {
    let event = #"{"@timestamp":"2026-11-02T09:00:00Z","event":{"category":"process","type":"start"},"host":{"os":{"type":"linux"}},"process":{"name":"bash","parent":{"name":"nginx"}}}"#
    let seen = try VigilRunner.run(["scan", "--rules", "Examples/rules"], input: Data((event + "\n").utf8))
    #expect(seen.stdoutLines.count == 1)
    let elsewhere = try VigilRunner.run(
      ["scan", "--rules", "Examples/rules", "--index", "logs-system.auth-default"], input: Data((event + "\n").utf8))
    #expect(elsewhere.stdoutLines.isEmpty)
  }
}
