import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules

@testable import VigilIO

/// A parallel scan must give exactly what one thread gives: the same alerts in the same order, the same bad
/// documents reported at the same lines.
struct ParallelScanTests {
  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples")

  /// The example rules and a non-aggregating ES|QL rule (each matching event gives an alert row), whose work is
  /// prepared on the worker threads.
  static func ruleSet(_ folder: TemporaryFolder) throws -> CompiledRuleSet {
    let extra = try folder.write("esql_rows.toml", esqlRowsRule)
    let paths = [examples.appendingPathComponent("rules").path, extra]
    return CompiledRuleSet(files: RuleLoader.load(paths: RulePathDiscovery(paths: paths).files))
  }

  static let esqlRowsRule = """
    [metadata]
    creation_date = "2026/12/05"
    maturity = "production"
    updated_date = "2026/12/05"

    [rule]
    author = ["Vigil"]
    description = "Long command lines."
    from = "now-9m"
    language = "esql"
    license = "Apache License 2.0"
    name = "Test: Long Command Lines"
    risk_score = 21
    rule_id = "5d0c7a52-8e7b-4f7e-9a3c-2f1d6b0e4a11"
    severity = "low"
    type = "esql"
    query = '''
    from logs-endpoint.events.process-*
    | where host.os.type == "linux" and event.type == "start"
    | eval Esql.length = length(process.command_line)
    | where Esql.length > 10
    | keep process.name, process.command_line, Esql.length
    '''
    """

  /// The example events, every other copy moved to a later month so that stateful rules see their windows move, with a broken
  /// line now and then: more batches than a scan with three threads holds at once.
  static func input() throws -> String {
    let lines = try String(contentsOf: examples.appendingPathComponent("events/linux_hosts.ndjson"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    var out: [String] = []
    for copy in 0..<400 {
      for line in lines {
        let month = "\(2027 + copy / 24)-\(String(format: "%02d", copy / 2 % 12 + 1))-"
        out.append(line.replacingOccurrences(of: "2026-11-", with: copy % 2 == 0 ? month : "2026-11-"))
      }
      if copy % 37 == 0 { out.append("{\"broken\": ") }
    }
    return out.joined(separator: "\n")
  }

  static func scan(
    _ path: String, threads: Int?, rules: CompiledRuleSet
  ) throws -> (alerts: [String], events: Int, bad: [String], alertsByRule: [String: Int]) {
    let engine = ScanEngine(ruleSet: rules)
    var reporter = BadInputReporter(strict: false, printsToStandardError: false)
    let sources = try EventSource.resolve([path], reporter: &reporter)
    var alerts: [String] = []
    if let threads {
      let scan = ParallelScan(engine: engine, threads: threads, reporter: reporter)
      try scan.run(sources) { alerts.append($0.uuid) }
      reporter = scan.reporter
    } else {
      let reader = EventReader(decoder: EventDecoder(catalog: engine.ruleSet.catalog), reporter: reporter)
      try reader.read(sources) { engine.process($0) { alerts.append($0.uuid) } }
      reporter = reader.reporter
    }
    engine.finish { alerts.append($0.uuid) }
    return (alerts, engine.statistics.events, reporter.shown, engine.statistics.alertsByRule)
  }

  @Test(arguments: [1, 2, 3])
  func alertsAndBadLinesAreThoseOfOneThread(threads: Int) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("events.ndjson", try Self.input())
    let rules = try Self.ruleSet(folder)
    let single = try Self.scan(path, threads: nil, rules: rules)
    let parallel = try Self.scan(path, threads: threads, rules: rules)
    #expect(single.events > 2 * ParallelScan.ringSize(threads: 3) * ParallelScan.batchSize)
    #expect(single.alerts.count > 100)
    #expect(single.alertsByRule["5d0c7a52-8e7b-4f7e-9a3c-2f1d6b0e4a11", default: 0] > 100)
    #expect(single.alerts.count > 100)
    #expect(parallel.alerts == single.alerts)
    #expect(parallel.events == single.events)
    #expect(parallel.bad == single.bad)
    #expect(single.bad.count == 11)
  }
}
