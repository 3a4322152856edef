import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Stream mode runs events in time order within its reorder window, whatever order they arrive in.
struct TimeOrderTests {
  static func scan(_ lines: [String], window: Int64) throws -> (alerts: [String], late: Int) {
    let engine = ScanEngine(ruleSet: ScanEngineTests.ruleSet(), reorderWindowSeconds: window)
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [String] = []
    for line in lines { engine.process(try decoder.decode(line)) { alerts.append($0.uuid) } }
    engine.finish { alerts.append($0.uuid) }
    return (alerts, engine.statistics.lateEvents)
  }

  /// The example events (time-sorted) with neighbours swapped pairwise: every other event arrives early.
  static func shuffled(_ lines: [String]) -> [String] {
    var out = lines
    for index in stride(from: 0, to: out.count - 1, by: 2) { out.swapAt(index, index + 1) }
    return out
  }

  @Test func eventsOutOfOrderWithinTheWindowGiveTheAlertsOfSortedInput() throws {
    let sorted = try ScanEngineTests.events()
    let expected = try Self.scan(sorted, window: 0)
    #expect(expected.alerts.count == 11)
    let reordered = try Self.scan(Self.shuffled(sorted), window: 30 * 86_400)
    #expect(reordered.alerts.sorted() == expected.alerts.sorted())
    #expect(reordered.late == 0)
  }

  @Test func eventsLaterThanTheWindowRunAtOnceAndAreCounted() throws {
    let sorted = try ScanEngineTests.events()
    let reversed = try Self.scan(Array(sorted.reversed()), window: 60)
    #expect(reversed.late > 0)
    let inputOrder = try Self.scan(Array(sorted.reversed()), window: 0)
    #expect(inputOrder.late == 0)
  }

  /// ES|QL rules add an event to their windows when it is read and write a non-aggregating rule's alerts then; a
  /// window still finishes on the turn of a later event. Events shuffled within the window give the alerts of
  /// sorted input: the same windows, with the same rows.
  @Test func esqlRulesOutOfOrderWithinTheWindowGiveTheAlertsOfSortedInput() throws {
    // Counting logins, not distinct users: an event added twice, or lost, changes the count.
    let counting = ESQLRuleTests.aggregating.replacingOccurrences(of: "count_distinct(user.name)", with: "count(*)")
    let files = [
      RuleLoader.load(text: counting, path: "stats.toml"),
      RuleLoader.load(text: ESQLRuleTests.rule, path: "rows.toml"),
    ]
    let netcat = ESQLRuleTests.event("nc", ["-U", "/run/a.sock"])
    let sorted = [
      ESQLRuleTests.login("a", at: "2026-11-02T09:01:00Z"), ESQLRuleTests.login("b", at: "2026-11-02T09:02:00Z"),
      netcat, ESQLRuleTests.login("c", at: "2026-11-02T09:03:00Z"),
      ESQLRuleTests.login("a", host: "h2", at: "2026-11-02T09:04:00Z"),
      ESQLRuleTests.login("b", host: "h2", at: "2026-11-02T09:11:00Z"),
      ESQLRuleTests.login("c", host: "h2", at: "2026-11-02T09:12:00Z"),
      ESQLRuleTests.login("d", host: "h2", at: "2026-11-02T09:13:00Z"),
      ESQLRuleTests.login("x", host: "h3", at: "2026-11-02T09:40:00Z"),
    ]
    func scan(_ lines: [String], window: Int64) throws -> [String] {
      let engine = ScanEngine(ruleSet: CompiledRuleSet(files: files), reorderWindowSeconds: window)
      #expect(engine.ruleSet.skipped.isEmpty)
      let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
      var alerts: [String] = []
      let describe = { (alert: Alert) in
        let columns = ["@timestamp", "host.name", "Esql.users"].map { alert.document[$0] ?? .null }
        alerts.append("\(alert.uuid) \(columns)")
      }
      for line in lines { engine.process(try decoder.decode(line), emit: describe) }
      engine.finish(emit: describe)
      #expect(engine.statistics.lateEvents == 0)
      return alerts
    }
    let expected = try scan(sorted, window: 0)
    // h1's three users at the runs of 09:05 and 09:10, h2's three at 09:15 and 09:20, and the netcat row.
    #expect(expected.count == 5)
    #expect(try scan(Self.shuffled(sorted), window: 600).sorted() == expected.sorted())
    #expect(try scan(Array(sorted.reversed()), window: 3_600).sorted() == expected.sorted())
  }
}
