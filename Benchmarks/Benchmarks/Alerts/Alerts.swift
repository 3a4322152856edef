import BenchSupport
import Benchmark
import VigilEngine
import VigilRules

// Building event alerts: one per event line, from the line's text as a scan keeps it, with a query rule of the
// usual shape, and writing each alert's JSON line. No decoding or rule evaluation: what every alert adds to a scan,
// which dominates a scan whose rules match often (incident response, replay).

nonisolated(unsafe) var lines: Lines?
nonisolated(unsafe) var rule: DetectionRule?

/// A query rule as the corpus writes them: tags, a MITRE mapping, a severity mapping the alert reads the source for.
let ruleText = """
  [metadata]
  creation_date = "2026/12/07"
  maturity = "production"
  updated_date = "2026/12/07"

  [rule]
  author = ["Vigil"]
  description = "Every process event, for the alert benchmark."
  from = "now-6m"
  index = ["logs-endpoint.events.process-*"]
  interval = "5m"
  language = "kuery"
  license = "Elastic License v2"
  max_signals = 1000000
  name = "Every Process Event"
  risk_score = 21
  rule_id = "5b7d4c2a-0000-4000-8000-00000000a1e7"
  severity = "low"
  tags = ["Domain: Endpoint", "OS: Linux", "Tactic: Discovery", "Data Source: Elastic Defend"]
  type = "query"
  query = "event.category:process"

  [[rule.severity_mapping]]
  field = "host.os.type"
  operator = "equals"
  value = "windows"
  severity = "medium"

  [[rule.threat]]
  framework = "MITRE ATT&CK"
  [[rule.threat.technique]]
  id = "T1057"
  name = "Process Discovery"
  reference = "https://attack.mitre.org/techniques/T1057/"

  [rule.threat.tactic]
  id = "TA0007"
  name = "Discovery"
  reference = "https://attack.mitre.org/tactics/TA0007/"
  """

let benchmarks: @Sendable () -> Void = {
  if let reason = BenchData.missing(needsRules: false) {
    BenchData.skipping("Alert benchmarks", because: reason)
    return
  }
  Benchmark(
    "EventAlerts", configuration: BenchConfiguration.passes(10, seconds: 20, rate: BenchConfiguration.alertsPerSecond),
    closure: { benchmark in
      guard let lines, let rule else { return }
      let fields = RuleAlertFields(rule)
      // 2026-12-07T00:00:00Z.
      let alertTime: Int64 = 1_796_601_600 * 1_000_000_000
      var bytes = 0
      let clock = ContinuousClock()
      let started = clock.now
      for range in lines.ranges {
        let source = SourceDocument(
          bytes: Array(lines.bytes[range]), index: "logs-endpoint.events.process-default", documentID: nil)
        bytes &+=
          AlertBuilder.eventAlert(rule: rule, fields: fields, source: source, alertTime: alertTime).jsonLine.count
      }
      blackHole(bytes)
      benchmark.measurement(
        BenchConfiguration.alertsPerSecond, BenchConfiguration.rate(lines.ranges.count, clock.now - started))
    },
    setup: {
      if lines == nil { lines = try BenchData.lines(of: BenchData.eventsFile()) }
      guard let loaded = RuleLoader.load(text: ruleText, path: "alerts-benchmark.toml").rule else {
        fatalError("the benchmark's rule did not load")
      }
      rule = loaded
    })
}
