import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Non-aggregating ES|QL rules in the engine: one alert per row, the row's columns over the source event.
struct ESQLRuleTests {
  static let rule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    language = "esql"
    name = "Netcat by ES|QL"
    risk_score = 47
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "medium"
    type = "esql"
    query = '''
    from logs-endpoint.events.process-* metadata _id, _index, _version
    | where process.name in ("nc", "ncat") and mv_count(process.args) == 3
    | eval Esql.arg_count = mv_count(process.args), process.name = to_upper(process.name)
    | keep _id, _index, _version, process.name, Esql.arg_count
    '''
    """

  static func event(_ name: String, _ args: [String], dataset: String = "endpoint.events.process") -> String {
    let list = "[" + ([name] + args).map { "\"\($0)\"" }.joined(separator: ",") + "]"
    return
      #"{"@timestamp":"2026-11-02T09:00:00Z","data_stream":{"type":"logs","dataset":"\#(dataset)","namespace":"default"},"process":{"name":"\#(name)","args":\#(list),"pid":7}}"#
  }

  @Test func rowsBecomeAlertsWithTheirColumnsOverTheEvent() throws {
    let alerts = try EngineTesting.scan(
      [RuleLoader.load(text: Self.rule, path: "r.toml")],
      [
        Self.event("nc", ["-U", "/run/a.sock"]), Self.event("nc", ["-l"]),
        Self.event("nc", ["-U", "/run/b.sock"], dataset: "system.auth"),
      ])
    #expect(alerts.count == 1)
    let document = try #require(alerts.first?.document)
    #expect(document["Esql.arg_count"] == .int(3))
    #expect(document["process.name"] == .string("NC"))
    #expect(document.value(atPath: "process.pid") == .int(7))
    #expect(document["kibana.alert.rule.type"] == .string("esql"))
  }

  static let aggregating = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    from = "now-9m"
    interval = "5m"
    language = "esql"
    name = "Many Users"
    risk_score = 47
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "medium"
    type = "esql"
    query = '''
    from logs-*
    | stats Esql.users = count_distinct(user.name) by host.name
    | where Esql.users >= 3
    '''
    """

  static func login(_ user: String, host: String = "h1", at time: String) -> String {
    #"{"@timestamp":"\#(time)","data_stream":{"type":"logs","dataset":"system.auth","namespace":"default"},"host":{"name":"\#(host)"},"user":{"name":"\#(user)"}}"#
  }

  @Test func aggregatingRulesRunOnEachScheduledWindowOfEventTime() throws {
    let alerts = try EngineTesting.scan(
      [RuleLoader.load(text: Self.aggregating, path: "r.toml")],
      [
        Self.login("a", at: "2026-11-02T09:01:00Z"), Self.login("b", at: "2026-11-02T09:02:00Z"),
        Self.login("c", at: "2026-11-02T09:03:00Z"), Self.login("a", host: "h2", at: "2026-11-02T09:04:00Z"),
        Self.login("x", host: "h3", at: "2026-11-02T09:30:00Z"),
      ])
    // The runs at 09:05 ([08:56, 09:05]) and 09:10 ([09:01, 09:10]) both see h1's three users; Kibana alerts on
    // each run, since aggregate alert ids depend on the window.
    #expect(
      alerts.map { $0.document["@timestamp"] } == [
        .string("2026-11-02T09:05:00.000Z"), .string("2026-11-02T09:10:00.000Z"),
      ])
    #expect(alerts.allSatisfy { $0.document["host.name"] == .string("h1") && $0.document["Esql.users"] == .int(3) })
    #expect(Set(alerts.map(\.uuid)).count == 2)
  }

  /// An event older than the open windows still counts in its own windows: they are opened before the open ones,
  /// or between them, and each window finishes when event time passes it or at the end of input.
  @Test func eventsOutOfTimeOrderCountInTheirOwnWindows() throws {
    let alerts = try EngineTesting.scan(
      [RuleLoader.load(text: Self.aggregating, path: "r.toml")],
      [
        Self.login("a", at: "2026-11-02T09:31:00Z"), Self.login("b", at: "2026-11-02T09:32:00Z"),
        Self.login("c", at: "2026-11-02T09:33:00Z"),
        // Older than the open windows (09:35, 09:40): windows 09:05 and 09:10 open before them.
        Self.login("x", host: "h2", at: "2026-11-02T09:01:00Z"),
        // Finishes 09:05; window 09:15 opens between 09:10 and 09:35.
        Self.login("y", host: "h2", at: "2026-11-02T09:08:00Z"),
        Self.login("z", host: "h2", at: "2026-11-02T09:09:00Z"),
        // Finishes 09:10 ([09:01, 09:10]: x, y, z); window 09:20 opens between 09:15 and 09:35.
        Self.login("w", host: "h2", at: "2026-11-02T09:12:00Z"),
      ])
    let runs = alerts.map { [$0.document["@timestamp"]?.string ?? "", $0.document["host.name"]?.string ?? ""] }
    #expect(
      runs == [
        ["2026-11-02T09:10:00.000Z", "h2"], ["2026-11-02T09:15:00.000Z", "h2"], ["2026-11-02T09:35:00.000Z", "h1"],
        ["2026-11-02T09:40:00.000Z", "h1"],
      ])
  }
}
