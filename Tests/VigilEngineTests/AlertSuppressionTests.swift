import Testing
import VigilEngine
import VigilEvents
import VigilRules
import VigilTestSupport

/// `alert_suppression`: candidates with the same `group_by` values become one alert counting the others, as Kibana
/// writes them (`kibana.alert.suppression.*`), in scan and replay mode.
struct AlertSuppressionTests {
  static func suppression(duration: String? = #"{unit = "m", value = 5}"#, strategy: String = "suppress") -> String {
    """
    [rule.alert_suppression]
    group_by = ["host.id"]
    missing_fields_strategy = "\(strategy)"
    \(duration.map { "duration = \($0)" } ?? "")
    """
  }

  static func rule(
    duration: String? = #"{unit = "m", value = 5}"#, strategy: String = "suppress", maxSignals: Int? = nil
  ) -> RuleFile {
    EngineTesting.replayRule(maxSignals: maxSignals, more: suppression(duration: duration, strategy: strategy))
  }

  /// The suppression fields of each alert: host, docs count, start and end (times of day).
  static func summary(_ alerts: [Alert]) -> [[String]] {
    alerts.map { alert in
      let document = alert.document
      let host = document.value(atPath: "host.id")?.string ?? "-"
      let count = document["kibana.alert.suppression.docs_count"]?.jsonText ?? "-"
      func clock(_ key: String) -> String {
        document[key]?.string.map { String($0.dropFirst(11).prefix(8)) } ?? "-"
      }
      return [host, count, clock("kibana.alert.suppression.start"), clock("kibana.alert.suppression.end")]
    }
  }

  static let events = [
    EngineTesting.process("a", host: "h1", at: "09:00:00"), EngineTesting.process("a", host: "h1", at: "09:01:00"),
    EngineTesting.process("a", host: "h2", at: "09:02:00"), EngineTesting.process("a", host: "h1", at: "09:04:00"),
    // More than 5 minutes after h1's alert was made: a new one.
    EngineTesting.process("a", host: "h1", at: "09:06:00"),
  ]

  @Test func candidatesOfTheSameTermsWithinTheDurationBecomeOneAlert() throws {
    let alerts = try EngineTesting.scan([Self.rule()], Self.events)
    #expect(
      Self.summary(alerts) == [
        ["h1", "2", "09:00:00", "09:04:00"], ["h2", "0", "09:02:00", "09:02:00"], ["h1", "0", "09:06:00", "09:06:00"],
      ])
    let first = try #require(alerts.first?.document)
    #expect(first["kibana.alert.last_detected"] == .string("2026-11-02T09:04:00.000Z"))
    #expect(first["kibana.alert.start"] == .string("2026-11-02T09:00:00.000Z"))
    let terms = try #require(first["kibana.alert.suppression.terms"])
    #expect(terms.jsonText == #"[{"field":"host.id","value":"h1"}]"#)
    #expect(first["kibana.alert.instance.id"] != alerts[1].document["kibana.alert.instance.id"])
    #expect(first["kibana.alert.instance.id"] == alerts[2].document["kibana.alert.instance.id"])
  }

  @Test func replayGivesTheSameAlerts() throws {
    let scanned = try EngineTesting.scan([Self.rule()], Self.events)
    let replayed = try EngineTesting.replay([Self.rule()], Self.events)
    #expect(
      Self.summary(replayed.alerts).sorted { $0.lexicographicallyPrecedes($1) }
        == Self.summary(scanned).sorted { $0.lexicographicallyPrecedes($1) })
    #expect(replayed.engine.statistics.suppressedAlerts == 2)
  }

  @Test func withoutADurationTheAlertsOfOneRunAreOne() throws {
    // Runs every 5 minutes: 09:00 is the run of 09:00, 09:01 and 09:04 that of 09:05, 09:06 that of 09:10.
    let alerts = try EngineTesting.scan([Self.rule(duration: nil)], Self.events)
    #expect(
      Self.summary(alerts) == [
        ["h1", "0", "09:00:00", "09:00:00"], ["h1", "1", "09:01:00", "09:04:00"], ["h2", "0", "09:02:00", "09:02:00"],
        ["h1", "0", "09:06:00", "09:06:00"],
      ])
  }

  @Test func aMissingTermIsNullUnlessTheRuleDoesNotSuppressThose() throws {
    let lines = [
      EngineTesting.process("a", host: "h1", at: "09:00:00"),
      #"{"@timestamp":"2026-11-02T09:01:00Z","event":{"category":["process"]},"process":{"name":"x"}}"#,
      #"{"@timestamp":"2026-11-02T09:02:00Z","event":{"category":["process"]},"process":{"name":"y"}}"#,
    ]
    let suppressed = try EngineTesting.scan([Self.rule()], lines)
    #expect(Self.summary(suppressed) == [["h1", "0", "09:00:00", "09:00:00"], ["-", "1", "09:01:00", "09:02:00"]])
    #expect(
      suppressed.last?.document["kibana.alert.suppression.terms"]?.jsonText == #"[{"field":"host.id","value":null}]"#)
    // Written at once, as ordinary alerts.
    let kept = try EngineTesting.scan([Self.rule(strategy: "doNotSuppress")], lines)
    #expect(Self.summary(kept) == [["-", "-", "-", "-"], ["-", "-", "-", "-"], ["h1", "0", "09:00:00", "09:00:00"]])
  }

  /// Only new alerts spend from `max_signals`: the candidates an alert counts go on being counted past it.
  @Test func suppressedCandidatesSpendNoBudget() throws {
    let lines =
      (0..<4).map { EngineTesting.process("a", host: "h1", at: "09:0\($0):10") }
      + [EngineTesting.process("a", host: "h2", at: "09:04:20")]
    let engine = ScanEngine(ruleSet: CompiledRuleSet(files: [Self.rule(maxSignals: 1)]))
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [Alert] = []
    for line in lines { engine.process(try decoder.decode(line)) { alerts.append($0) } }
    engine.finish { alerts.append($0) }
    #expect(Self.summary(alerts) == [["h1", "3", "09:00:10", "09:03:10"]])
    #expect(engine.statistics.suppressedAlerts == 3)
    #expect(engine.statistics.alertsOverMaxSignals == 1, "h2's alert, in the interval h1's used up")
  }

  /// A candidate written as an ordinary alert (`doNotSuppress`, a term missing) spends from `max_signals` as one.
  @Test func anUnsuppressedCandidateSpendsTheBudget() throws {
    let lines = (1...3).map {
      #"{"@timestamp":"2026-11-02T09:00:0\#($0)Z","event":{"category":["process"]},"process":{"name":"x"}}"#
    }
    let alerts = try EngineTesting.scan([Self.rule(strategy: "doNotSuppress", maxSignals: 2)], lines)
    #expect(alerts.count == 2)
  }

  @Test func anAggregatingESQLRuleCountsItsLaterRuns() throws {
    let file = EngineTesting.replayRule(
      type: "esql", language: "esql",
      query: "from logs-* | stats Esql.starts = count(*) by host.id | where Esql.starts >= 2",
      from: "now-9m", more: Self.suppression(duration: #"{unit = "h", value = 1}"#))
    // h1 starts twice in the runs of 09:05 ([08:56, 09:05]) and 09:10 ([09:01, 09:10]).
    let lines = [
      EngineTesting.process("a", host: "h1", at: "09:01:00"), EngineTesting.process("a", host: "h1", at: "09:02:00"),
    ]
    let alerts = try EngineTesting.scan([file], lines)
    #expect(Self.summary(alerts) == [["h1", "1", "08:56:00", "09:10:00"]])
    let replayed = try EngineTesting.replay([file], lines).alerts
    #expect(Self.summary(replayed) == Self.summary(alerts))
  }

  /// A threshold rule's suppression takes only a `duration`: its alerts of one group of the threshold fields within
  /// it are one, counting the later crossings.
  @Test func aThresholdRuleSuppressesTheCrossingsOfAGroup() throws {
    let file = EngineTesting.replayRule(
      type: "threshold", from: "now-1h",
      more: """
        [rule.threshold]
        field = ["host.id"]
        value = 2
        [rule.alert_suppression]
        duration = {unit = "h", value = 1}
        """)
    let lines =
      (0..<6).map { EngineTesting.process("a", host: "h1", at: "09:0\($0):00") }
      + [
        EngineTesting.process("a", host: "h2", at: "09:06:00"), EngineTesting.process("a", host: "h2", at: "09:07:00"),
      ]
    let alerts = try EngineTesting.scan([file], lines)
    #expect(alerts.count == 2)
    #expect(alerts.map { $0.document["kibana.alert.suppression.docs_count"]?.jsonText } == ["2", "0"])
    #expect(
      alerts.first?.document["kibana.alert.suppression.terms"]?.jsonText == #"[{"field":"host.id","value":"h1"}]"#)
  }

  /// A non-aggregating ES|QL rule's candidates span their run's window in replay, as in Kibana, and their event's
  /// time in stream mode, which has no runs.
  @Test func anESQLRowCandidateSpansItsRunInReplay() throws {
    let file = EngineTesting.replayRule(
      type: "esql", language: "esql", query: #"from logs-* metadata _id | where process.name == "a" | keep host.id"#,
      more: Self.suppression(duration: #"{unit = "h", value = 1}"#))
    let lines = [
      EngineTesting.process("a", host: "h1", at: "09:01:00"), EngineTesting.process("a", host: "h1", at: "09:02:00"),
    ]
    #expect(Self.summary(try EngineTesting.scan([file], lines)) == [["h1", "1", "09:01:00", "09:02:00"]])
    #expect(Self.summary(try EngineTesting.replay([file], lines).alerts) == [["h1", "1", "08:59:00", "09:05:00"]])
  }

  /// "Microsoft Defender XDR Alert External Alerts" (an external alert promotion) suppresses by the Defender alert
  /// id for 24 hours: updates of one Defender alert make one alert.
  @Test func corpusDefenderPromotionMakesOneAlertPerDefenderAlert() throws {
    guard let path = SharedData.corpusRulePath("rules/promotions/m365_defender_alert_external_alerts.toml") else {
      return
    }
    let file = RuleLoader.load(path: path)
    func alert(_ id: String, at time: String) -> String {
      #"{"@timestamp":"2026-11-02T\#(time)Z","event":{"kind":"alert","ingested":"2026-11-02T\#(time)Z"},"data_stream":{"dataset":"m365_defender.alert"},"m365_defender":{"alert":{"id":"\#(id)","tenant_id":"t1"}}}"#
    }
    let lines = [
      alert("da-1", at: "09:00:00"), alert("da-2", at: "09:10:00"), alert("da-1", at: "12:00:00"),
      alert("da-1", at: "20:00:00"),
    ]
    let alerts = try EngineTesting.scan([file], lines)
    let counts = alerts.map {
      [
        $0.document.value(atPath: "m365_defender.alert.id")?.string ?? "-",
        $0.document["kibana.alert.suppression.docs_count"]?.jsonText ?? "-",
      ]
    }
    #expect(counts == [["da-1", "2"], ["da-2", "0"]])
  }
}
