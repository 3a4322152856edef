import Testing
import VigilEngine
import VigilEvents
import VigilRules

struct ThreatMatchTests {
  static let rule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    index = ["logs-*"]
    language = "kuery"
    name = "Indicator Match"
    risk_score = 73
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "high"
    threat_index = ["logs-ti_*"]
    threat_indicator_path = "threat.indicator"
    threat_language = "kuery"
    threat_query = "threat.indicator.ip:*"
    type = "threat_match"
    query = "source.ip:* or destination.ip:*"
    [[rule.threat_mapping]]
    [[rule.threat_mapping.entries]]
    field = "source.ip"
    type = "mapping"
    value = "threat.indicator.ip"
    [[rule.threat_mapping]]
    [[rule.threat_mapping.entries]]
    field = "destination.ip"
    type = "mapping"
    value = "threat.indicator.ip"
    """

  static let indicators = [
    #"{"data_stream":{"type":"logs","dataset":"ti_abusech.ip","namespace":"default"},"threat":{"feed":{"name":"AbuseCH"},"indicator":{"ip":"203.0.113.7","provider":"abuse.ch"}}}"#,
    #"{"data_stream":{"type":"logs","dataset":"other","namespace":"default"},"threat":{"indicator":{"ip":"192.0.2.1"}}}"#,
  ]

  static func scan(_ events: [String]) throws -> [Alert] {
    try EngineTesting.scan([RuleLoader.load(text: rule, path: "r.toml")], events, indicators: indicators)
  }

  @Test func eventsMatchingAnIndicatorAlertWithEnrichments() throws {
    let alerts = try Self.scan([
      #"{"source":{"ip":"203.0.113.7"},"destination":{"ip":"10.0.0.1"}}"#,
      #"{"source":{"ip":"10.0.0.2"},"destination":{"ip":"::ffff:203.0.113.7"}}"#,
      #"{"source":{"ip":"192.0.2.1"}}"#,
      #"{"source":{"ip":"198.51.100.1"}}"#,
    ])
    #expect(alerts.count == 2)
    let enrichment = alerts.first?.document.value(atPath: "threat.enrichments")?.jsonText ?? ""
    #expect(enrichment.contains(#""indicator":{"ip":"203.0.113.7","provider":"abuse.ch"}"#), "\(enrichment)")
    #expect(enrichment.contains(#""feed":{"name":"AbuseCH"}"#))
    #expect(enrichment.contains(#""atomic":"203.0.113.7","field":"source.ip""#))
    #expect(enrichment.contains(#""index":"logs-ti_abusech.ip-default","type":"indicator_match_rule""#))
    let second = alerts.last?.document.value(atPath: "threat.enrichments")?.jsonText ?? ""
    #expect(second.contains(#""field":"destination.ip""#))
  }

  @Test func withoutIndicatorsTheRuleIsSkippedWithAReason() {
    let set = CompiledRuleSet(files: [RuleLoader.load(text: Self.rule, path: "r.toml")])
    #expect(set.skipped.map(\.reason) == ["needs threat indicators (--threat FILE)"])
  }
}
