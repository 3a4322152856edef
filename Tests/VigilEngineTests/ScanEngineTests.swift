import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules

struct ScanEngineTests {
  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples")

  static func ruleSet() -> CompiledRuleSet {
    let files = RuleLoader.load(paths: RulePathDiscovery(paths: [examples.appendingPathComponent("rules").path]).files)
    return CompiledRuleSet(files: files)
  }

  static func events() throws -> [String] {
    try String(contentsOf: examples.appendingPathComponent("events/linux_hosts.ndjson"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }

  @Test func compilesRunnableRulesAndExplainsTheRest() {
    let set = Self.ruleSet()
    #expect(set.rules.map(\.rule.type) == [.eql, .esql, .newTerms, .query, .threshold, .eql])
    #expect(set.skipped.map(\.reason) == ["needs Elastic ML"])
  }

  @Test func exampleEventsGiveTheAlertsTheExamplesDescribe() throws {
    let engine = ScanEngine(ruleSet: Self.ruleSet())
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [Alert] = []
    for line in try Self.events() {
      engine.process(try decoder.decode(line)) { alerts.append($0) }
    }
    engine.finish { alerts.append($0) }
    let byRule = Dictionary(grouping: alerts) { $0.document["kibana.alert.rule.name"]?.string ?? "" }
    #expect(byRule["Example: Shell Started by a Web Server"]?.first?.document.value(atPath: "process.parent.name")
      == .string("nginx"))
    #expect(byRule["Example: SSH Password Guessing from One Source"]?.count == 1)
    let discoveries = byRule["Example: First Network Discovery by a Parent Process"] ?? []
    #expect(discoveries.map { $0.document.value(atPath: "process.name")?.string } == ["netstat", "ss", "netstat"])
    #expect(discoveries.map { $0.document["kibana.alert.original_time"]?.string } == [
      "2026-11-02T10:00:00.000Z", "2026-11-02T11:00:00.000Z", "2026-11-09T10:00:00.000Z",
    ])
    let sockets = byRule["Example: Unix Socket Client Started"] ?? []
    #expect(sockets.map { $0.document.value(atPath: "process.name")?.string } == ["nc", "socat"])
    let sequence = byRule["Example: Downloaded File Executed from a Temporary Folder"] ?? []
    #expect(sequence.count == 3)
    #expect(engine.statistics.events == 30)
    let sudo = byRule["Example: Sudo to Many Users on One Host"] ?? []
    #expect(sudo.map { $0.document["host.name"] } == [.string("db-02")])
    #expect(engine.statistics.alertsBySeverity == [.high: 3, .medium: 3, .low: 5])
  }

  @Test func theSameEventTwiceAlertsOnce() throws {
    let engine = ScanEngine(ruleSet: Self.ruleSet())
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    let line = try #require(try Self.events().first { $0.contains("nginx") })
    var count = 0
    for _ in 0..<2 { engine.process(try decoder.decode(line)) { _ in count += 1 } }
    #expect(count == 1)
    #expect(engine.statistics.duplicateAlerts == 1)
  }

  @Test func rulesSeeOnlyEventsOfTheirIndexPatterns() throws {
    let engine = ScanEngine(ruleSet: Self.ruleSet())
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    let line = try #require(try Self.events().first { $0.contains("nginx") })
    let moved = line.replacingOccurrences(of: #""dataset":"endpoint.events.process","namespace""#, with: #""dataset":"system.auth","namespace""#)
    var count = 0
    engine.process(try decoder.decode(moved)) { _ in count += 1 }
    #expect(count == 0)
  }
}
