import ArgumentParser
import Foundation
import VigilEngine
import VigilEvents
import VigilIO

/// `vigil bench scan --rules PATH FILE...`: how fast a rule pack runs over events, end to end.
struct BenchScanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Measure a full scan: compiling a rule pack, then running it over events.",
    discussion: """
      Loads and compiles the rules under --rules (timed apart), then reads, decodes and evaluates every event as \
      `vigil scan` does (on --threads threads, in time order within --reorder-window), building and serializing \
      every alert (the alerts are not written anywhere). Reports the rules compiled, compile seconds, events, \
      seconds, events per second, MB per second, alerts and the peak resident memory of the process.

      Example:
        python3 gen_events.py --events 1000000 --out events.ndjson
        vigil bench scan --rules detection-rules/rules --format json events.ndjson
        vigil bench scan --rules detection-rules/rules --threads 1 events.ndjson
      """
  )

  @Option(name: .customLong("rules"), help: "Rule files or folders (repeatable).")
  var rulePaths: [String] = []

  @Option(help: "Output format: text or json.")
  var format: BenchParseCommand.Format = .text

  @Option(help: "Threads to scan with, as `vigil scan --threads` (default: one per core).")
  var threads: Int?

  @OptionGroup var reorder: ReorderWindowOption

  @Argument(help: "NDJSON, JSON or _search response files or folders (.gz too); standard input when none.")
  var inputs: [String] = []

  func validate() throws {
    if rulePaths.isEmpty { throw ValidationError("give the rules to run with --rules PATH") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  /// What one run measured.
  struct Measurement {
    var rules: Int
    var compileSeconds: Double
    var events: Int
    var bytes: Int
    var seconds: Double
    var alerts: Int
    var peakRSSBytes: Int
    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    var bytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
  }

  func run() async throws {
    let clock = ContinuousClock()
    let started = clock.now
    let loaded = try LoadedRulePaths.load(rulePaths)
    let ruleSet = CompiledRuleSet(checked: loaded.checked, now: Int64(Date().timeIntervalSince1970 * 1e9))
    let compiled = clock.now
    let engine = ScanEngine(ruleSet: ruleSet, reorderWindowSeconds: try reorder.seconds)
    defer { KeptUntilExit.keep((ruleSet, engine)) }
    var reporter = BadInputReporter(strict: false)
    var alertBytes = 0
    let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
    let bytes = try EventInput.scan(inputs, engine: engine, threads: workers, reporter: &reporter) {
      alertBytes &+= $0.jsonLine.count
    }
    engine.finish { alertBytes &+= $0.jsonLine.count }
    let finished = clock.now
    let measurement = Measurement(
      rules: ruleSet.rules.count, compileSeconds: ScanReport.seconds(compiled - started),
      events: engine.statistics.events, bytes: bytes, seconds: ScanReport.seconds(finished - compiled),
      alerts: engine.statistics.alerts, peakRSSBytes: Self.peakResidentBytes())
    precondition(alertBytes >= 0)
    print(format == .json ? Self.json(measurement) : Self.text(measurement))
    if let summary = reporter.summary { BadInputReporter.printError(summary) }
  }

  /// The most memory the process has held resident so far.
  static func peakResidentBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
      getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
      return usage.ru_maxrss * 1024  // kilobytes on Linux
    #else
      getrusage(RUSAGE_SELF, &usage)
      return usage.ru_maxrss  // bytes on macOS
    #endif
  }

  static func text(_ m: Measurement) -> String {
    let fixed = BenchParseCommand.fixed
    let rows = [
      ("rules", "\(m.rules)"),
      ("compile", fixed(m.compileSeconds, 3) + " s"),
      ("events", "\(m.events)"),
      ("seconds", fixed(m.seconds, 3)),
      ("events/s", fixed(m.eventsPerSecond, 0)),
      ("MB/s", fixed(m.bytesPerSecond / 1e6, 1)),
      ("alerts", "\(m.alerts)"),
      ("peak RSS", fixed(Double(m.peakRSSBytes) / 1e6, 1) + " MB"),
    ]
    return rows.map { $0.0 + String(repeating: " ", count: max(1, 10 - $0.0.count)) + $0.1 }.joined(separator: "\n")
  }

  static func json(_ m: Measurement) -> String {
    let fixed = BenchParseCommand.fixed
    return """
      {"rules":\(m.rules),"compile_seconds":\(fixed(m.compileSeconds, 6)),"events":\(m.events),\
      "seconds":\(fixed(m.seconds, 6)),"events_per_second":\(fixed(m.eventsPerSecond, 1)),\
      "bytes_per_second":\(fixed(m.bytesPerSecond, 1)),"alerts":\(m.alerts),"peak_rss_bytes":\(m.peakRSSBytes)}
      """
  }
}
