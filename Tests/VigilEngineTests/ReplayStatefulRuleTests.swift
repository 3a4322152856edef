import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Replay mode for rules whose results depend on the windows: new terms, threshold, EQL sequences, ES|QL.
struct ReplayStatefulRuleTests {
  typealias T = EngineTesting

  static let newTerms = T.replayRule(
    type: "new_terms", query: "event.category:process",
    more: """
      [rule.new_terms]
      field = "new_terms_fields"
      value = ["process.name"]
      [[rule.new_terms.history_window_start]]
      field = "history_window_start"
      value = "now-1d"
      """)

  static let newTermsEvents = [
    T.process("a", at: "09:00:00"), T.process("a", at: "10:04:00"),
    T.process("b", at: "10:07:00"), T.process("b", at: "10:04:30"), T.process("b", at: "10:12:00"),
  ]

  @Test func newTermAlertsOnceFromItsFirstEventAndNotAgainInTheNextOverlappingRun() throws {
    // From 10:00 on: "a" was seen at 09:00, before every window, so it is not new. "b" is first seen at 10:04:30:
    // new in the run at 10:05 (window from 09:59) and again in the run at 10:10 (from 10:04), which gives the same
    // alert id; by the run at 10:15 (from 10:09) its first sighting is history.
    let (alerts, engine) = try T.replay(
      [Self.newTerms], Self.newTermsEvents, range: ReplayRange(start: T.time("10:00:00")))
    #expect(alerts.map { $0.document["kibana.alert.new_terms"] } == [.array([.string("b")])])
    #expect(alerts.map(\.runClock) == ["10:05:00"])
    #expect(alerts.map(\.eventClock) == ["10:04:30"])
    #expect(engine.statistics.duplicateAlerts == 1)
  }

  @Test func newTermsWithoutStartAlsoAlertOnTheEarliestEvents() throws {
    let (alerts, _) = try T.replay([Self.newTerms], Self.newTermsEvents)
    #expect(alerts.map(\.eventClock) == ["09:00:00", "10:04:30"])
    #expect(alerts.map(\.runClock) == ["09:00:00", "10:05:00"])
  }

  @Test func thresholdAlertsOneBucketPerRunAndNeverTwiceForTheSameEvents() throws {
    let rule = T.replayRule(
      type: "threshold",
      more: """
        [rule.threshold]
        field = ["host.id"]
        value = 3
        """)
    let (alerts, _) = try T.replay(
      [rule],
      [
        T.process("x", host: "h1", at: "10:04:10"), T.process("x", host: "h1", at: "10:04:20"),
        T.process("x", host: "h1", at: "10:04:30"),
        T.process("x", host: "h2", at: "10:02:00"), T.process("x", host: "h2", at: "10:03:00"),
        T.process("x", host: "h2", at: "10:04:00"), T.process("x", host: "h2", at: "10:04:40"),
        T.process("x", host: "h1", at: "10:06:00"), T.process("x", host: "h1", at: "10:07:00"),
        T.process("x", host: "h1", at: "10:08:00"),
      ])
    // The run at 10:05 alerts once per host, with every event of its window (h2: 4). The run at 10:10 sees h1's
    // first three events again, but they are in its signal history; its three new ones alert on their own.
    #expect(alerts.map { $0.document["host.id"]?.string } == ["h1", "h2", "h1"])
    #expect(alerts.map(\.runClock) == ["10:05:00", "10:05:00", "10:10:00"])
    let results = alerts.map { $0.document["kibana.alert.threshold_result"]?.object }
    #expect(results.map { $0?["count"] } == [.int(3), .int(4), .int(3)])
    #expect(
      results.map { $0?["from"]?.string } == [
        "2026-11-02T10:04:10.000Z", "2026-11-02T10:02:00.000Z", "2026-11-02T10:06:00.000Z",
      ])
  }

  @Test func sequenceIsFoundOnlyWhenAllItsEventsAreInOneWindow() throws {
    let rule = T.replayRule(
      type: "eql", language: "eql",
      query: """
        sequence by host.id with maxspan=10m
          [process where process.name == "curl"]
          [process where process.name == "sh"]
        """)
    let events = [
      T.process("curl", host: "h1", at: "10:01:00"), T.process("sh", host: "h1", at: "10:04:00"),
      // Within maxspan, but no 6-minute window holds both.
      T.process("curl", host: "h2", at: "10:03:00"), T.process("sh", host: "h2", at: "10:09:30"),
      // Found by the runs at 10:05 and 10:10: the second finding has the same ids.
      T.process("curl", host: "h3", at: "10:04:20"), T.process("sh", host: "h3", at: "10:04:40"),
    ]
    let (alerts, engine) = try T.replay([rule], events.reversed())
    let shells = alerts.filter { $0.document["kibana.alert.depth"] == .int(2) }
    #expect(shells.map { $0.document.value(atPath: "host.id")?.string } == ["h1", "h3"])
    #expect(shells.map(\.runClock) == ["10:05:00", "10:05:00"])
    #expect(alerts.count == 6)
    #expect(engine.statistics.duplicateAlerts == 3)
    // Stream mode, which has no windows, finds h2's sequence too.
    #expect(try EngineTesting.scan([rule], events).filter { $0.document["kibana.alert.depth"] == .int(2) }.count == 3)
  }

  @Test func aggregatingESQLAlertsInEveryRunAndRowRulesOncePerEvent() throws {
    let aggregating = T.replayRule(
      type: "esql", language: "esql",
      query: "FROM logs-* | STATS Esql.count = COUNT(*) BY host.id | WHERE Esql.count >= 2")
    let events = [T.process("sh", at: "10:04:10"), T.process("sh", at: "10:04:20")]
    let (rows, _) = try T.replay([aggregating], events)
    #expect(rows.map(\.runClock) == ["10:05:00", "10:10:00"])
    #expect(rows.map { $0.document["Esql.count"]?.jsonText } == ["2", "2"])
    let perEvent = T.replayRule(
      type: "esql", language: "esql", query: #"FROM logs-* METADATA _id | WHERE process.name == "sh""#)
    let (alerts, _) = try T.replay([perEvent], events)
    #expect(alerts.map(\.runClock) == ["10:05:00", "10:05:00"])
    #expect(alerts.map(\.eventClock) == ["10:04:10", "10:04:20"])
  }
}
