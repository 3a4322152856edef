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
    #expect(set.rules.map(\.rule.name) == ["Example: Shell Started by a Web Server"])
    #expect(set.skipped.contains { $0.reason == "needs Elastic ML" })
    #expect(set.skipped.count == 6)
  }

  @Test func shellFromWebServerAlertsOnceOnTheExampleEvents() throws {
    let engine = ScanEngine(ruleSet: Self.ruleSet())
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [Alert] = []
    for line in try Self.events() {
      engine.process(try decoder.decode(line)) { alerts.append($0) }
    }
    #expect(alerts.count == 1)
    #expect(alerts.first?.document.value(atPath: "process.parent.name") == .string("nginx"))
    #expect(engine.statistics.events == 30)
    #expect(engine.statistics.alertsBySeverity == [.medium: 1])
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
