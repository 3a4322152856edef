import ArgumentParser
import Foundation
import VigilEngine
import VigilEvents
import VigilIO
import VigilRules

/// `vigil scan --rules PATH... [FILE...]`: run detection rules over events and write alerts.
struct ScanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Run detection rules over events and write Kibana-shaped alerts.",
    discussion: """
      Compiles every rule under --rules, reports and skips the ones that are broken or that this build cannot run \
      (machine_learning rules need Elastic ML), then evaluates each event once, in time order, against every rule \
      whose `index` patterns cover the event's index, and writes one alert per rule and matching event.

      An event's index is its `_index` (Elasticsearch _search responses), else its data stream \
      (`data_stream.type`-`data_stream.dataset`-`data_stream.namespace`), else the --index given. An event whose \
      index is unknown is seen by every rule.

      Alerts are written as NDJSON documents shaped like Kibana's alerts (kibana.alert.* fields, the source event's \
      fields, ATT&CK threat, severity and risk score after the rule's mappings, a deterministic kibana.alert.uuid), \
      ready to bulk-index; or as a table with one row per rule. The table is the default on a terminal, NDJSON \
      otherwise. A summary goes to stderr.

      This build runs `query`, `eql` (event queries, sequences and samples), `new_terms`, `threshold`, \
      `threat_match` and `esql` rules, stateful and aggregating ones over event time (see docs/scan.md); ES|QL \
      COMPLETION is reported as not runnable.

      Several files given together (up to 32) are read at once and merged by @timestamp, so that an export split by \
      data stream or host, each file in time order, runs in time order; ties go to the file given first. With \
      --reorder-window 0, and past 32 files, files are read one after another.

      --mode replay simulates Kibana's schedule instead, so that results can be compared with a real Kibana: each \
      rule runs every `interval` (from --start, else from its earliest event) over `[run + from, run]` by its \
      timestamp_override (else @timestamp), with max_signals per run (earliest events first) and deduplication \
      across the overlapping runs; new_terms, threshold, EQL sequences and ES|QL see one window at a time. Events \
      may come in any order; alerts, stamped with their run time, are written when the input ends.

      Examples:
        vigil scan --rules Examples/rules Examples/events
        vigil scan --rules rules/ --format ndjson --output alerts.ndjson events.ndjson.gz
        cat events.ndjson | vigil scan --rules rules/linux --index logs-endpoint.events.process-default
        vigil scan --rules rules/ --mode replay --start 2026-11-02T00:00:00Z events/
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, ndjson
  }

  @Option(name: .customLong("rules"), help: "Rule files or folders (repeatable).")
  var rulePaths: [String] = []

  @Option(help: "Output format: table or ndjson (default: table on a terminal, ndjson otherwise).")
  var format: Format?

  @Option(help: "Write alerts to this file instead of standard output.")
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Kibana exception lists in export NDJSON; rules apply the items of the lists in their exceptions_list.",
      discussion: "Items that belong to no list (no list_id) apply to every rule."))
  var exceptions: String?

  @Option(
    name: .customLong("threat"),
    help: ArgumentHelp(
      "Threat indicator documents for threat_match rules (repeatable; NDJSON, _search responses, .gz).",
      discussion: "Each rule uses the indicators its threat_query, threat_filters and threat_index select."))
  var threatPaths: [String] = []

  @Option(help: "The index of events that name none (no _index or data_stream fields).")
  var index: String?

  @OptionGroup(title: "Schedule")
  var schedule: ScanModeOptions

  @Flag(
    help: ArgumentHelp(
      "Print the rules that cost most time on stderr, to find the ones worth tuning (stream mode).",
      discussion: """
        Timing each rule adds a little overhead of its own. The tests many rules require (host.os.type, \
        event.type, …) are timed apart, once per event.
        """))
  var profileRules = false

  @Option(help: "How many of the costliest rules --profile-rules lists (0: every rule that ran).")
  var profileTop = 25

  @Option(
    help: ArgumentHelp(
      "Threads to scan with (default: one per core).",
      discussion: """
        Every thread decodes events and matches them against the rules; one of them also advances rule state \
        (sequences, new terms, thresholds) in one order, so the alerts are those of a single thread. Replay mode \
        and --profile-rules use one thread.
        """))
  var threads: Int?

  @Flag(help: "Stop at the first malformed document or unreadable input.")
  var strict = false

  @Argument(help: "Event files or folders (NDJSON, JSON array, _search response; .gz too); standard input when none.")
  var inputs: [String] = []

  func validate() throws {
    if rulePaths.isEmpty { throw ValidationError("give the rules to run with --rules PATH") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    if profileTop < 0 { throw ValidationError("--profile-top must be 0 (every rule) or more") }
  }

  /// The threads to scan with: --threads, else one per core.
  private var workerThreads: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

  func run() async throws {
    let started = ContinuousClock.now
    let loaded = try LoadedRulePaths.load(rulePaths)
    let exceptionSet = try loadExceptions()
    var ruleSet = CompiledRuleSet(
      checked: loaded.checked, exceptions: exceptionSet, now: Int64(Date().timeIntervalSince1970 * 1e9),
      hasThreatIndicators: !threatPaths.isEmpty)
    try loadIndicators(into: &ruleSet)
    loaded.reportErrors()
    // Read now: the loaded files and their parsed queries are not needed while events are scanned.
    let rulesHadErrors = loaded.hasErrors
    let compiled = ContinuousClock.now
    let engine = try schedule.engine(ruleSet: ruleSet, defaultIndex: index, profiling: profileRules)
    defer { KeptUntilExit.keep((ruleSet, engine)) }
    let chosenFormat = format ?? (output == nil && StandardStreams.outputIsTerminal ? .table : .ndjson)
    let writer: OutputWriter
    do {
      writer = try output.map { try OutputWriter(path: $0) } ?? OutputWriter()
    } catch let error as InputError {
      StandardStreams.writeError(error.message)
      throw ExitCode(ExitStatus.usage)
    }
    var summary = AlertSummary()
    let rulesByID = Dictionary(ruleSet.rules.map { ($0.rule.ruleID, $0.rule) }, uniquingKeysWith: { first, _ in first })
    var reporter = BadInputReporter(strict: strict)
    let progress = ProgressLine()
    defer { progress.finish() }
    let output: (Alert) -> Void = { alert in
      switch chosenFormat {
      case .ndjson: writer.writeLine(alert.jsonLine)
      case .table: if let rule = rulesByID[alert.ruleID] { summary.add(alert, rule: rule) }
      }
    }
    if case .stream(let streamEngine) = engine {
      try EventInput.scan(
        inputs, engine: streamEngine, threads: profileRules ? 1 : workerThreads, reporter: &reporter,
        beforeFailing: writer.flush,
        progress: { progress.update(events: engine.statistics.events, alerts: engine.statistics.alerts) },
        emit: output)
    } else {
      try EventInput.read(inputs, catalog: ruleSet.catalog, reporter: &reporter, beforeFailing: writer.flush) { event in
        progress.update(events: engine.statistics.events, alerts: engine.statistics.alerts)
        engine.process(event, emit: output)
      }
    }
    engine.finish(emit: output)
    progress.finish()
    if chosenFormat == .table { writer.writeLine(table(summary)) }
    writer.flush()
    let report = ScanReport(
      ruleSet: ruleSet, statistics: engine.statistics, unroutedRules: engine.unroutedRuleCount, reporter: reporter,
      compileTime: started.duration(to: compiled), scanTime: compiled.duration(to: .now))
    StandardStreams.writeError(report.text)
    if let replay = engine.report { StandardStreams.writeError(replay) }
    let evictions = engine.stateEvictions
    if !evictions.isEmpty {
      let names = Dictionary(
        ruleSet.rules.map { ($0.rule.ruleID, $0.rule.name) }, uniquingKeysWith: { first, _ in first })
      let worst = evictions.sorted { $0.value > $1.value }.prefix(5).map { "\(names[$0.key] ?? $0.key) (\($0.value))" }
      StandardStreams.writeError(
        "State limits: \(evictions.values.reduce(0, +)) entries evicted in \(evictions.count) rules, most in "
          + worst.joined(separator: ", ") + "; their results may miss matches.")
    }
    if let profile = engine.profile {
      StandardStreams.writeError(
        RuleProfileReport(
          ruleSet: ruleSet, profile: profile.rules, sharedTestNanoseconds: profile.sharedTestNanoseconds,
          limit: profileTop == 0 ? nil : profileTop
        ).text)
    }
    if reporter.hasProblems || rulesHadErrors { throw ExitCode(ExitStatus.inputErrors) }
  }

  private func loadIndicators(into ruleSet: inout CompiledRuleSet) throws {
    guard !threatPaths.isEmpty else { return }
    var reporter = BadInputReporter(strict: strict)
    var count = 0
    try EventInput.read(threatPaths, catalog: ruleSet.catalog, reporter: &reporter) { indicator in
      count += 1
      ruleSet.addIndicator(indicator, index: ruleSet.index(of: indicator, fallback: nil))
    }
    StandardStreams.writeError("Threat indicators: \(count) read.")
    if let summary = reporter.summary { BadInputReporter.printError(summary) }
  }

  private func loadExceptions() throws -> ExceptionSet {
    guard let exceptions else { return ExceptionSet() }
    guard let text = try? String(contentsOfFile: exceptions, encoding: .utf8) else {
      StandardStreams.writeError("\(exceptions): error: cannot read the exceptions file")
      throw ExitCode(ExitStatus.usage)
    }
    let set = ExceptionSet(ndjson: text)
    for problem in set.problems {
      StandardStreams.writeError("\(exceptions):\(problem.line): error: \(problem.message)")
    }
    if !set.problems.isEmpty { throw ExitCode(ExitStatus.inputErrors) }
    return set
  }

  private func table(_ summary: AlertSummary) -> String {
    var table = TextTable([
      .init(title: "RULE", shrinkable: true), .init(title: "ALERTS", alignRight: true), .init(title: "SEVERITY"),
      .init(title: "TACTICS", shrinkable: true), .init(title: "FIRST"), .init(title: "LAST"),
    ])
    for row in summary.sortedRows {
      table.append([
        row.ruleName, String(row.alerts), row.severity.rawValue, row.tactics.joined(separator: ", "),
        AlertSummary.time(row.first), AlertSummary.time(row.last),
      ])
    }
    return summary.rows.isEmpty ? "No alerts." : table.render(width: StandardStreams.terminalWidth)
  }
}
