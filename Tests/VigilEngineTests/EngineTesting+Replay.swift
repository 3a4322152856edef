import Testing
import VigilEngine
import VigilEvents
import VigilRules
import VigilTestSupport

extension EngineTesting {
  /// Every alert `files` give over `lines` in replay mode, and the engine (for its statistics); fails the test when
  /// a rule is skipped.
  static func replay(
    _ files: [RuleFile], _ lines: [String], range: ReplayRange = ReplayRange()
  ) throws -> (alerts: [Alert], engine: ReplayEngine) {
    let engine = ReplayEngine(ruleSet: CompiledRuleSet(files: files), range: range)
    #expect(engine.ruleSet.skipped.isEmpty, "\(engine.ruleSet.skipped.map(\.reason))")
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    for line in lines { engine.process(try decoder.decode(line)) }
    var alerts: [Alert] = []
    engine.finish { alerts.append($0) }
    return (alerts, engine)
  }

  /// A rule file of the given type and schedule, for replay tests.
  static func replayRule(
    type: String = "query", language: String = "kuery", query: String = "event.category:process",
    from: String = "now-6m", interval: String = "5m", maxSignals: Int? = nil, more: String = ""
  ) -> RuleFile {
    let text = TestRuleTOML.text(
      name: "Replayed", ruleID: "7c1d2e3f-1111-4222-8333-944455556666", type: type, language: language, query: query,
      severity: "medium", riskScore: 47, index: type == "esql" ? nil : ["logs-*"], from: from, interval: interval,
      more: (maxSignals.map { "max_signals = \($0)\n" } ?? "") + more)
    return RuleLoader.load(text: text, path: "replayed.toml")
  }

  /// A process event of host `host` at `time` (`@timestamp`, omitted when `nil`), with `event.ingested` when given.
  static func process(_ name: String, host: String = "h1", at time: String?, ingested: String? = nil) -> String {
    var members: [String] = []
    if let time { members.append(#""@timestamp":"2026-11-02T\#(time)Z""#) }
    let ingestedMember = ingested.map { #","ingested":"2026-11-02T\#($0)Z""# } ?? ""
    members.append(#""event":{"category":["process"],"type":["start"]\#(ingestedMember)}"#)
    members.append(#""data_stream":{"type":"logs","dataset":"endpoint.events.process","namespace":"default"}"#)
    members.append(#""host":{"id":"\#(host)"},"process":{"name":"\#(name)"}"#)
    return "{" + members.joined(separator: ",") + "}"
  }

  /// `hh:mm:ss` on 2026-11-02 in nanoseconds since the epoch.
  static func time(_ clock: String) -> Int64 {
    Timestamp.parse(Array("2026-11-02T\(clock)Z".utf8))!
  }
}

extension Alert {
  /// The alert's `@timestamp` (the run time in replay), as `hh:mm:ss`.
  var runClock: String { Self.clock(document["@timestamp"]?.string) }
  /// The source event's `@timestamp` (`kibana.alert.original_time`), as `hh:mm:ss`.
  var eventClock: String { Self.clock(document["kibana.alert.original_time"]?.string) }

  private static func clock(_ text: String?) -> String {
    guard let text, let t = text.firstIndex(of: "T") else { return "-" }
    return String(text[text.index(after: t)...].prefix(8))
  }
}
