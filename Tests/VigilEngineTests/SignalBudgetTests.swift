import Testing
import VigilEngine
import VigilRules

/// Stream mode applies `max_signals` to each `interval` of event time, as Kibana caps each run.
struct SignalBudgetTests {
  static let cappedRule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    from = "now-6m"
    interval = "5m"
    max_signals = 2
    index = ["logs-endpoint.events.*"]
    language = "kuery"
    name = "Noisy"
    risk_score = 21
    rule_id = "5b7d4c2a-1111-4222-8333-944455550001"
    severity = "low"
    type = "query"
    query = "process.name:netstat"
    """

  @Test func atMostMaxSignalsAlertsPerIntervalOfEventTime() throws {
    let rule = RuleLoader.load(text: Self.cappedRule, path: "r.toml")
    let times = [
      "2026-11-01T10:00:01Z", "2026-11-01T10:01:00Z", "2026-11-01T10:02:00Z", "2026-11-01T10:04:59Z",
      "2026-11-01T10:05:00Z", "2026-11-01T10:06:00Z", "2026-11-01T10:07:00Z",
    ]
    let events = times.enumerated().map { index, time in
      StatefulRuleTests.exec("netstat", commandLine: "netstat -\(index)", at: time)
    }
    let alerts = try EngineTesting.scan([rule], events)
    #expect(alerts.map { $0.document["kibana.alert.original_time"]?.string } == [
      "2026-11-01T10:00:01Z", "2026-11-01T10:01:00Z", "2026-11-01T10:05:00Z", "2026-11-01T10:06:00Z",
    ])
  }

  @Test func aRepeatedEventDoesNotSpendTheBudget() throws {
    let rule = RuleLoader.load(text: Self.cappedRule, path: "r.toml")
    let first = StatefulRuleTests.exec("netstat", commandLine: "netstat -a", at: "2026-11-01T10:00:00Z")
    let second = StatefulRuleTests.exec("netstat", commandLine: "netstat -b", at: "2026-11-01T10:00:01Z")
    let alerts = try EngineTesting.scan([rule], [first, first, second])
    #expect(alerts.count == 2)
  }
}
