import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules
import VigilTestSupport

/// New-terms and threshold rules over event time.
struct StatefulRuleTests {
  static func exec(
    _ name: String, parent: String = "/bin/bash", commandLine: String? = nil, host: String = "h1",
    at time: String
  ) -> String {
    #"{"@timestamp":"\#(time)","event":{"category":["process"],"type":["start"],"action":"exec","ingested":"\#(time)"},"data_stream":{"type":"logs","dataset":"endpoint.events.process","namespace":"default"},"host":{"id":"\#(host)","os":{"type":"linux"}},"process":{"name":"\#(name)","command_line":"\#(commandLine ?? name)","parent":{"executable":"\#(parent)"}}}"#
  }

  static let newTermsRule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    from = "now-9m"
    index = ["logs-endpoint.events.*"]
    language = "kuery"
    name = "First Discovery"
    risk_score = 21
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "low"
    timestamp_override = "event.ingested"
    type = "new_terms"
    query = "event.category:process and process.name:(netstat or ss)"
    [rule.new_terms]
    field = "new_terms_fields"
    value = ["process.parent.executable", "process.command_line", "host.id"]
    [[rule.new_terms.history_window_start]]
    field = "history_window_start"
    value = "now-5d"
    """

  @Test func newTermsAlertOnFirstSightNotWithinTheWindowAndAgainAfterQuietDays() throws {
    let rule = RuleLoader.load(text: Self.newTermsRule, path: "r.toml")
    let alerts = try EngineTesting.scan(
      [rule],
      [
        Self.exec("netstat", at: "2026-11-01T10:00:00Z"),
        Self.exec("netstat", at: "2026-11-02T10:00:00Z"),
        Self.exec("netstat", host: "h2", at: "2026-11-02T11:00:00Z"),
        Self.exec("netstat", commandLine: "netstat -antp", at: "2026-11-03T10:00:00Z"),
        Self.exec("netstat", at: "2026-11-06T10:00:00Z"),
        Self.exec("netstat", at: "2026-11-12T10:00:02Z"),
      ])
    let times = alerts.map { $0.document["@timestamp"]?.string ?? "" }
    #expect(
      times == [
        "2026-11-01T10:00:00.000Z", "2026-11-02T11:00:00.000Z", "2026-11-03T10:00:00.000Z", "2026-11-12T10:00:02.000Z",
      ])
    #expect(
      alerts.first?.document["kibana.alert.new_terms"]
        == .array([
          .string("/bin/bash"), .string("netstat"), .string("h1"),
        ]))
  }

  /// The rule overrides `@timestamp` with `event.ingested`: with every `@timestamp` the same, only the ingest times
  /// decide which sightings are new, whether events run as they come or through the reorder buffer.
  @Test(arguments: [0, 60] as [Int64])
  func newTermsJudgeEachEventByItsOverrideTime(reorderWindowSeconds: Int64) throws {
    let rule = RuleLoader.load(text: Self.newTermsRule, path: "r.toml")
    func exec(_ name: String, ingested: String) -> String {
      Self.exec(name, at: "2026-11-01T10:00:00Z").replacingOccurrences(
        of: #""ingested":"2026-11-01T10:00:00Z""#, with: #""ingested":"\#(ingested)""#)
    }
    let alerts = try EngineTesting.scan(
      [rule],
      [
        exec("netstat", ingested: "2026-11-01T10:00:00Z"),
        exec("netstat", ingested: "2026-11-02T10:00:00Z"),
        exec("ss", ingested: "2026-11-03T10:00:00Z"),
        exec("netstat", ingested: "2026-11-12T10:00:00Z"),
        exec("ss", ingested: "2026-11-04T10:00:00Z"),
      ], reorderWindowSeconds: reorderWindowSeconds)
    let names = alerts.compactMap { alert -> String? in
      guard case .array(let terms)? = alert.document["kibana.alert.new_terms"], terms.count == 3 else { return nil }
      return terms[1].string
    }
    #expect(names == ["netstat", "ss", "netstat"])
  }

  @Test func newTermsIgnoreEventsMissingAFieldAndSplitArrays() throws {
    let rule = RuleLoader.load(text: Self.newTermsRule, path: "r.toml")
    let missing =
      #"{"@timestamp":"2026-11-01T10:00:00Z","event":{"category":"process"},"process":{"name":"ss","command_line":"ss"}}"#
    let array =
      #"{"@timestamp":"2026-11-01T10:00:00Z","event":{"category":"process"},"host":{"id":["a","b"]},"process":{"name":"ss","command_line":"ss","parent":{"executable":"/bin/sh"}}}"#
    let alerts = try EngineTesting.scan([rule], [missing, array])
    #expect(
      alerts.compactMap { $0.document["kibana.alert.new_terms"]?.jsonText } == [
        #"["/bin/sh","ss","a"]"#, #"["/bin/sh","ss","b"]"#,
      ])
  }

  /// A combination is the same whether the event that brings it has one value per field or arrays: history made by
  /// one kind of event holds for the other, and a number is the same term as its text, as in a keyword field.
  @Test func newTermsHistoryIsTheSameForSingleValuesAndArrays() throws {
    let rule = RuleLoader.load(text: Self.newTermsRule, path: "r.toml")
    func ss(host: String, at minute: Int) -> String {
      #"{"@timestamp":"2026-11-01T10:\#(minute):00Z","event":{"category":"process"},"host":{"id":\#(host)},"process":{"name":"ss","command_line":"ss","parent":{"executable":"/bin/sh"}}}"#
    }
    let alerts = try EngineTesting.scan(
      [rule],
      [
        ss(host: #"["a","b"]"#, at: 10),
        ss(host: #""a""#, at: 11),
        ss(host: #""c""#, at: 12),
        ss(host: #"["c","d"]"#, at: 13),
        ss(host: "7", at: 14),
        ss(host: #""7""#, at: 15),
        ss(host: #"["7",8]"#, at: 16),
      ])
    #expect(
      alerts.compactMap { $0.document["kibana.alert.new_terms"]?.jsonText } == [
        #"["/bin/sh","ss","a"]"#, #"["/bin/sh","ss","b"]"#, #"["/bin/sh","ss","c"]"#, #"["/bin/sh","ss","d"]"#,
        #"["/bin/sh","ss","7"]"#, #"["/bin/sh","ss","8"]"#,
      ])
  }

  /// The rule file at `path` in the detection-rules corpus; `nil`, with a message, when the corpus is absent.
  static func corpusRule(_ path: String) -> RuleFile? {
    guard let root = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return nil
    }
    return RuleLoader.load(path: root.appendingPathComponent(path).path)
  }

  @Test func corpusNetworkDiscoveryRuleAlertsOnFirstNetstatAndAfterFiveQuietDays() throws {
    guard let rule = Self.corpusRule("rules_building_block/discovery_system_network_connections.toml") else { return }
    #expect(rule.rule?.name == "System Network Connections Discovery")
    let alerts = try EngineTesting.scan(
      [rule],
      [
        Self.exec("netstat", at: "2026-11-01T10:00:00Z"),
        Self.exec("netstat", at: "2026-11-04T10:00:00Z"),
        Self.exec("netstat", at: "2026-11-10T10:00:00Z"),
      ])
    #expect(alerts.count == 2)
    #expect(alerts.last?.document["kibana.alert.building_block_type"] == .string("default"))
  }

  @Test func corpusRuleOnACaselessFieldMatchesTheNameInAnyCase() throws {
    guard let rule = Self.corpusRule("rules_building_block/discovery_internet_capabilities.toml") else { return }
    #expect(rule.rule?.name == "Discovery of Internet Capabilities via Built-in Tools")
    func ping(_ name: String, user: String, at time: String) -> String {
      #"{"@timestamp":"\#(time)","event":{"category":["process"],"type":["start"]},"data_stream":{"type":"logs","dataset":"endpoint.events.process","namespace":"default"},"host":{"id":"h1","os":{"type":"windows"}},"user":{"id":"\#(user)"},"process":{"name":"\#(name)","args":["\#(name)","example.com"],"command_line":"\#(name) example.com"}}"#
    }
    // `process.name.caseless` holds the name lower-cased: `PING.EXE` and `Ping.exe` match "ping.exe".
    let alerts = try EngineTesting.scan(
      [rule],
      [
        ping("PING.EXE", user: "u1", at: "2026-11-01T10:00:00Z"),
        ping("Ping.exe", user: "u2", at: "2026-11-01T11:00:00Z"),
        ping("pong.exe", user: "u3", at: "2026-11-01T12:00:00Z"),
      ])
    #expect(alerts.count == 2)
  }

  static let thresholdRule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    from = "now-9m"
    index = ["logs-*"]
    language = "kuery"
    name = "Guessing"
    risk_score = 47
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "medium"
    type = "threshold"
    query = "event.outcome:failure"
    [rule.threshold]
    field = ["source.ip"]
    value = 3
    [[rule.threshold.cardinality]]
    field = "user.name"
    value = 2
    """

  static func failure(_ ip: String, _ user: String, at time: String) -> String {
    #"{"@timestamp":"\#(time)","event":{"outcome":"failure"},"source":{"ip":"\#(ip)"},"user":{"name":"\#(user)"}}"#
  }

  @Test func thresholdAlertsOncePerBucketWithinTheLookBack() throws {
    let rule = RuleLoader.load(text: Self.thresholdRule, path: "r.toml")
    let alerts = try EngineTesting.scan(
      [rule],
      [
        Self.failure("10.0.0.1", "a", at: "2026-11-01T10:00:00Z"),
        Self.failure("10.0.0.1", "a", at: "2026-11-01T10:01:00Z"),
        Self.failure("10.0.0.2", "a", at: "2026-11-01T10:01:30Z"),
        Self.failure("10.0.0.1", "b", at: "2026-11-01T10:02:00Z"),
        Self.failure("10.0.0.1", "c", at: "2026-11-01T10:03:00Z"),
        Self.failure("10.0.0.1", "d", at: "2026-11-01T10:30:00Z"),
      ])
    #expect(alerts.count == 1)
    let document = try #require(alerts.first?.document)
    #expect(document["source.ip"] == .string("10.0.0.1"))
    #expect(document["kibana.alert.original_time"] == .string("2026-11-01T10:02:00.000Z"))
    #expect(
      document["kibana.alert.threshold_result"]?.jsonText
        == #"{"terms":[{"field":"source.ip","value":"10.0.0.1"}],"count":3,"from":"2026-11-01T10:00:00.000Z","cardinality":[{"field":"user.name","value":2}]}"#
    )
  }

  /// A threshold of one without cardinality: every event is a crossing of its own, counted 1 from its own time.
  @Test func thresholdOfOneAlertsOnEachEvent() throws {
    let text = Self.thresholdRule
      .replacingOccurrences(of: "value = 3\n", with: "value = 1\n")
      .replacingOccurrences(of: "[[rule.threshold.cardinality]]\nfield = \"user.name\"\nvalue = 2", with: "")
    let rule = RuleLoader.load(text: text, path: "r.toml")
    #expect(!rule.hasErrors)
    let alerts = try EngineTesting.scan(
      [rule],
      [
        Self.failure("10.0.0.1", "a", at: "2026-11-01T10:00:00Z"),
        Self.failure("10.0.0.1", "a", at: "2026-11-01T10:01:00Z"),
        Self.failure("10.0.0.2", "a", at: "2026-11-01T10:01:30Z"),
      ])
    #expect(alerts.count == 3)
    #expect(
      alerts.map { $0.document["kibana.alert.threshold_result"]?.jsonText } == [
        #"{"terms":[{"field":"source.ip","value":"10.0.0.1"}],"count":1,"from":"2026-11-01T10:00:00.000Z"}"#,
        #"{"terms":[{"field":"source.ip","value":"10.0.0.1"}],"count":1,"from":"2026-11-01T10:01:00.000Z"}"#,
        #"{"terms":[{"field":"source.ip","value":"10.0.0.2"}],"count":1,"from":"2026-11-01T10:01:30.000Z"}"#,
      ])
  }

  /// Past `max_signals`, a threshold of one still counts every crossing left out: one per value combination of its
  /// fields (two for an event with two source addresses).
  @Test func thresholdOfOneCountsWhatMaxSignalsLeavesOut() throws {
    let text = Self.thresholdRule
      .replacingOccurrences(of: "value = 3\n", with: "value = 1\n")
      .replacingOccurrences(of: "[[rule.threshold.cardinality]]\nfield = \"user.name\"\nvalue = 2", with: "")
      .replacingOccurrences(of: "query = ", with: "max_signals = 2\nquery = ")
    let engine = ScanEngine(ruleSet: CompiledRuleSet(files: [RuleLoader.load(text: text, path: "r.toml")]))
    #expect(engine.ruleSet.skipped.isEmpty)
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts = 0
    for line in [
      Self.failure("10.0.0.1", "a", at: "2026-11-01T10:00:00Z"),
      Self.failure("10.0.0.2", "a", at: "2026-11-01T10:01:00Z"),
      Self.failure("10.0.0.3", "a", at: "2026-11-01T10:02:00Z").replacingOccurrences(
        of: #""10.0.0.3""#, with: #"["10.0.0.3","10.0.0.4"]"#),
      Self.failure("10.0.0.5", "a", at: "2026-11-01T10:03:00Z"),
    ] {
      engine.process(try decoder.decode(line)) { _ in alerts += 1 }
    }
    #expect(alerts == 2)
    #expect(engine.statistics.alertsOverMaxSignals == 3)
  }

  @Test func thresholdNeedsTheCardinalityToo() throws {
    let rule = RuleLoader.load(text: Self.thresholdRule, path: "r.toml")
    let alerts = try EngineTesting.scan(
      [rule], (0..<5).map { Self.failure("10.0.0.9", "same", at: "2026-11-01T10:0\($0):00Z") })
    #expect(alerts.isEmpty)
  }

  /// A group is the same whether the event that brings it has one value per field or arrays, and a number is the same
  /// value as its text, in the group and in the cardinality, as in keyword fields.
  @Test func thresholdGroupsAndCardinalityAreTheSameForSingleValuesAndArrays() throws {
    let rule = RuleLoader.load(text: Self.thresholdRule, path: "r.toml")
    func failure(ip: String, user: String, at minute: Int) -> String {
      #"{"@timestamp":"2026-11-01T10:0\#(minute):00Z","event":{"outcome":"failure"},"source":{"ip":\#(ip)},"user":{"name":\#(user)}}"#
    }
    let alerts = try EngineTesting.scan(
      [rule],
      [
        failure(ip: #""10.0.0.1""#, user: "7", at: 0),
        failure(ip: #"["10.0.0.1","10.0.0.3"]"#, user: #""7""#, at: 1),
        // Three events of 10.0.0.1, but one user name among them: no crossing yet.
        failure(ip: #""10.0.0.1""#, user: #""7""#, at: 2),
        failure(ip: #""10.0.0.1""#, user: #""y""#, at: 3),
      ])
    #expect(alerts.count == 1)
    let document = try #require(alerts.first?.document)
    #expect(document["source.ip"] == .string("10.0.0.1"))
    #expect(
      document["kibana.alert.threshold_result"]?.jsonText
        == #"{"terms":[{"field":"source.ip","value":"10.0.0.1"}],"count":4,"from":"2026-11-01T10:00:00.000Z","cardinality":[{"field":"user.name","value":2}]}"#
    )
  }
}
