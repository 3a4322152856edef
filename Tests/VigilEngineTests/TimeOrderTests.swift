import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Stream mode runs events in time order within its reorder window, whatever order they arrive in.
struct TimeOrderTests {
  /// The example rules and a non-aggregating ES|QL rule, which matches the example events of `nc -U`.
  static let ruleSet: CompiledRuleSet = {
    let examples = ScanEngineTests.examples.appendingPathComponent("rules").path
    let files = RuleLoader.load(paths: RulePathDiscovery(paths: [examples]).files)
    return CompiledRuleSet(files: files + [RuleLoader.load(text: ESQLRuleTests.rule, path: "rows.toml")])
  }()

  static func scan(_ lines: [String], window: Int64) throws -> (alerts: [String], late: Int) {
    let engine = ScanEngine(ruleSet: Self.ruleSet, reorderWindowSeconds: window)
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

  /// Every alert is written on its event's turn (a non-aggregating ES|QL rule's too): out of order within the
  /// window, the events give the alerts of sorted input in the same order.
  @Test func eventsOutOfOrderWithinTheWindowGiveTheAlertsOfSortedInput() throws {
    let sorted = try ScanEngineTests.events()
    let expected = try Self.scan(sorted, window: 0)
    // The examples' 11 alerts, and the ES|QL rule's row for each of two `nc` events.
    #expect(expected.alerts.count == 13)
    let reordered = try Self.scan(Self.shuffled(sorted), window: 30 * 86_400)
    #expect(reordered.alerts == expected.alerts)
    #expect(reordered.late == 0)
  }

  @Test func eventsLaterThanTheWindowRunAtOnceAndAreCounted() throws {
    let sorted = try ScanEngineTests.events()
    let reversed = try Self.scan(Array(sorted.reversed()), window: 60)
    #expect(reversed.late > 0)
    let inputOrder = try Self.scan(Array(sorted.reversed()), window: 0)
    #expect(inputOrder.late == 0)
  }

  /// ES|QL rules add an event to their windows when it is read; a window still finishes on the turn of a later
  /// event, and a non-aggregating rule's alerts are written on the event's turn. Events shuffled within the window
  /// give the alerts of sorted input, in the same order: the same windows, with the same rows.
  @Test func esqlRulesOutOfOrderWithinTheWindowGiveTheAlertsOfSortedInput() throws {
    // Counting logins, not distinct users: an event added twice, or lost, changes the count.
    let sorted = Self.esqlEvents
    func scan(_ lines: [String], window: Int64) throws -> [String] {
      let engine = ScanEngine(ruleSet: CompiledRuleSet(files: Self.esqlRules), reorderWindowSeconds: window)
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
    #expect(try scan(Self.shuffled(sorted), window: 600) == expected)
    #expect(try scan(Array(sorted.reversed()), window: 3_600) == expected)
  }

  /// An aggregating ES|QL rule (counting logins, not distinct users: an event added twice, or lost, changes the
  /// count) and a non-aggregating one.
  static let esqlRules = [
    RuleLoader.load(
      text: ESQLRuleTests.aggregating.replacingOccurrences(of: "count_distinct(user.name)", with: "count(*)"),
      path: "stats.toml"),
    RuleLoader.load(text: ESQLRuleTests.rule, path: "rows.toml"),
  ]

  /// Events for ``esqlRules``, in time order.
  static let esqlEvents = [
    // At 09:00.
    ESQLRuleTests.event("nc", ["-U", "/run/a.sock"]),
    ESQLRuleTests.login("a", at: "2026-11-02T09:01:00Z"), ESQLRuleTests.login("b", at: "2026-11-02T09:02:00Z"),
    ESQLRuleTests.login("c", at: "2026-11-02T09:03:00Z"),
    ESQLRuleTests.login("a", host: "h2", at: "2026-11-02T09:04:00Z"),
    ESQLRuleTests.login("b", host: "h2", at: "2026-11-02T09:11:00Z"),
    ESQLRuleTests.login("c", host: "h2", at: "2026-11-02T09:12:00Z"),
    ESQLRuleTests.login("d", host: "h2", at: "2026-11-02T09:13:00Z"),
    ESQLRuleTests.login("x", host: "h3", at: "2026-11-02T09:40:00Z"),
  ]

  /// A caller that knows the rest of its input is in time order stops the engine holding events: wherever it stops,
  /// the alerts are those of holding every event, in the same order, and those of running them as they come.
  @Test(arguments: [false, true])
  func stoppingReorderingOnSortedInputChangesNoAlert(esql: Bool) throws {
    let rules = esql ? CompiledRuleSet(files: Self.esqlRules) : ScanEngineTests.ruleSet()
    let sorted = esql ? Self.esqlEvents : try ScanEngineTests.events()
    func scan(window: Int64, stoppingAfter stop: Int?) throws -> [String] {
      let engine = ScanEngine(ruleSet: rules, reorderWindowSeconds: window)
      let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
      var alerts: [String] = []
      for (position, line) in sorted.enumerated() {
        if position == stop {
          engine.stopReordering { alerts.append($0.uuid) }
          #expect(!engine.reorders)
        }
        engine.process(try decoder.decode(line)) { alerts.append($0.uuid) }
      }
      engine.finish { alerts.append($0.uuid) }
      #expect(engine.statistics.lateEvents == 0)
      return alerts
    }
    let held = try scan(window: 86_400, stoppingAfter: nil)
    #expect(!held.isEmpty)
    #expect(try scan(window: 0, stoppingAfter: nil) == held)
    for stop in 0...sorted.count { #expect(try scan(window: 86_400, stoppingAfter: stop) == held) }
  }

  /// An aggregating ES|QL rule timed by `event.ingested`, which goes back a little from one event to the next where
  /// `@timestamp` does not: once the engine stops holding events, an event still counts in the window its time falls
  /// in, as when events are held (the rule's windows finish on the turn each event would have had).
  @Test func stoppingReorderingKeepsEventsTimedByAnotherFieldInTheirWindows() throws {
    let rule = ESQLRuleTests.aggregating
      .replacingOccurrences(of: "count_distinct(user.name)", with: "count(*)")
      .replacingOccurrences(of: "Esql.users >= 3", with: "Esql.users >= 2")
      .replacingOccurrences(of: #"type = "esql""#, with: #"type = "esql"\#ntimestamp_override = "event.ingested""#)
    let rules = CompiledRuleSet(files: [RuleLoader.load(text: rule, path: "stats.toml")])
    #expect(rules.skipped.isEmpty)
    func login(_ user: String, at time: String, ingested: String) -> String {
      #"{"@timestamp":"2026-11-02T\#(time)Z","event":{"ingested":"2026-11-02T\#(ingested)Z"},"#
        + #""data_stream":{"type":"logs","dataset":"system.auth","namespace":"default"},"#
        + #""host":{"name":"h1"},"user":{"name":"\#(user)"}}"#
    }
    // `b` is ingested after 09:05, `c` before: c still counts in the window that ends at 09:05, with `a`.
    let events = [
      login("a", at: "09:04:00", ingested: "09:04:10"), login("b", at: "09:04:30", ingested: "09:05:10"),
      login("c", at: "09:04:40", ingested: "09:04:50"), login("d", at: "09:20:00", ingested: "09:20:05"),
    ]
    func scan(stoppingAfter stop: Int?) throws -> [String] {
      let engine = ScanEngine(ruleSet: rules, reorderWindowSeconds: 60)
      let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
      var alerts: [String] = []
      let describe = { (alert: Alert) in alerts.append("\(alert.uuid) \(alert.document["@timestamp"] ?? .null)") }
      for (position, line) in events.enumerated() {
        if position == stop { engine.stopReordering(emit: describe) }
        engine.process(try decoder.decode(line), emit: describe)
      }
      engine.finish(emit: describe)
      return alerts.sorted()
    }
    let held = try scan(stoppingAfter: nil)
    #expect(held.contains { $0.contains("2026-11-02T09:05:00.000Z") })
    for stop in 0...events.count { #expect(try scan(stoppingAfter: stop) == held, "stopping after \(stop) events") }
  }

  /// An event earlier than one already run, after the caller said none would come, runs at once and is counted
  /// late, as one later than the window is.
  @Test func anEventOutOfOrderAfterReorderingStoppedIsCountedLate() throws {
    let sorted = try ScanEngineTests.events()
    let engine = ScanEngine(ruleSet: ScanEngineTests.ruleSet(), reorderWindowSeconds: 86_400)
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    for line in sorted.dropFirst() { engine.process(try decoder.decode(line)) { _ in } }
    engine.stopReordering { _ in }
    engine.process(try decoder.decode(sorted[0])) { _ in }
    #expect(engine.statistics.lateEvents == 1)
  }
}
