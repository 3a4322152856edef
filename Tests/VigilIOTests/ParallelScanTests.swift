import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilIO
import VigilRules

/// A parallel scan must give exactly what one thread gives: the same alerts in the same order, the same bad
/// documents reported at the same lines.
struct ParallelScanTests {
  static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Examples")

  static func ruleSet() -> CompiledRuleSet {
    let files = RuleLoader.load(paths: RulePathDiscovery(paths: [examples.appendingPathComponent("rules").path]).files)
    return CompiledRuleSet(files: files)
  }

  /// The example events, shifted by a week per copy so that stateful rules see their windows move, with a broken
  /// line now and then: several batches per thread.
  static func input() throws -> String {
    let lines = try String(contentsOf: examples.appendingPathComponent("events/linux_hosts.ndjson"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    var out: [String] = []
    for copy in 0..<120 {
      for line in lines {
        out.append(line.replacingOccurrences(of: "2026-11-", with: copy % 2 == 0 ? "2027-\(String(format: "%02d", copy / 10 + 1))-" : "2026-11-"))
      }
      if copy % 37 == 0 { out.append("{\"broken\": ") }
    }
    return out.joined(separator: "\n")
  }

  static func scan(_ path: String, threads: Int?) throws -> (alerts: [String], events: Int, bad: [String]) {
    let engine = ScanEngine(ruleSet: ruleSet())
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
    return (alerts, engine.statistics.events, reporter.shown)
  }

  @Test(arguments: [1, 2, 3])
  func alertsAndBadLinesAreThoseOfOneThread(threads: Int) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("events.ndjson", try Self.input())
    let single = try Self.scan(path, threads: nil)
    let parallel = try Self.scan(path, threads: threads)
    #expect(single.events > 3 * 512)
    #expect(single.alerts.count > 100)
    #expect(parallel.alerts == single.alerts)
    #expect(parallel.events == single.events)
    #expect(parallel.bad == single.bad)
    #expect(single.bad.count == 4)
  }
}
