import ArgumentParser
import VigilEngine
import VigilEvents
import VigilIO
import VigilLinux

/// The rules `vigil watch --rules` runs on each collected event, and where their alerts go.
final class WatchDetection {
  /// How long after a scheduled window's end (aggregating ES|QL and EQL sample rules) its run waits for events still
  /// on their way: the connector delivers in milliseconds, an audit log's records within about a second.
  static let latenessSeconds: Int64 = 5
  /// The least time between two advances of the engine's clock, nanoseconds.
  static let advancePeriod: Int64 = 250_000_000

  private let engine: ScanEngine
  private let decoder: EventDecoder
  private let writer: OutputWriter
  private var undecodable = 0
  private var clock = LiveEventClock(latenessSeconds: latenessSeconds)
  /// When the engine's clock was last advanced (monotonic nanoseconds).
  private var advancedAt: Int64?

  init(rules: [String], output: String?) throws {
    let loaded = try LoadedRulePaths.load(rules)
    loaded.reportErrors()
    let ruleSet = CompiledRuleSet(checked: loaded.checked)
    engine = ScanEngine(ruleSet: ruleSet)
    decoder = EventDecoder(catalog: ruleSet.catalog)
    do {
      writer = try output.map { try OutputWriter(path: $0) } ?? OutputWriter()
    } catch let error as InputError {
      StandardStreams.writeError(error.message)
      throw ExitCode(ExitStatus.usage)
    }
    let skipped = ruleSet.skippedReasons.map { "\($0.count) \($0.reason)" }.joined(separator: "; ")
    StandardStreams.writeError(
      "vigil watch: running \(ruleSet.rules.count) rules" + (skipped.isEmpty ? "" : " (skipped: \(skipped))"))
  }

  /// Runs the rules on one collected document; each alert is written at once and summed up on stderr.
  func process(_ document: ECSDocument) {
    guard let event = try? decoder.decode(document.json) else {
      undecodable += 1
      return
    }
    if let time = event.timestamp { clock.noteEvent(at: time, readAt: SensorClock.system.monotonic()) }
    engine.process(event) { write($0) }
  }

  /// Runs the scheduled windows whose end passed more than ``latenessSeconds`` ago in event time, though no later
  /// event of their rule came: called after each event and whenever the source is quiet.
  func advanceClock() {
    let now = SensorClock.system.monotonic()
    if let advancedAt, now - advancedAt < Self.advancePeriod { return }
    guard let time = clock.eventTime(at: now) else { return }
    advancedAt = now
    engine.advanceTime(to: time) { write($0) }
  }

  /// Writes an alert at once, and its one-line summary to stderr.
  private func write(_ alert: Alert) {
    writer.writeLine(alert.jsonLine)
    writer.flush()
    StandardStreams.writeError(Self.line(for: alert))
  }

  /// Runs what is pending when watching stops (the last scheduled run of aggregating ES|QL rules).
  func finish() {
    engine.finish { alert in
      writer.writeLine(alert.jsonLine)
      StandardStreams.writeError(Self.line(for: alert))
    }
    writer.flush()
  }

  var summary: String {
    let statistics = engine.statistics
    return "\(statistics.alerts) alerts from \(statistics.events) events"
      + (undecodable > 0 ? "; \(undecodable) events could not be read" : "")
      + (statistics.lateEvents > 0
        ? "; \(statistics.lateEvents) events came more than \(Self.latenessSeconds) s late for the scheduled runs "
          + "of their windows" : "")
  }

  /// `ALERT low  Unix Socket Connection  nc -U /run/x.sock  (pid 42, host web-1)`; for an aggregating ES|QL row
  /// (no event of its own), its columns: `ALERT low  Sleep Twice  Esql.runs=2 host.name=web-1`; for an event of no
  /// process, the alert's reason.
  static func line(for alert: Alert) -> String {
    let document = alert.document
    let name = document["kibana.alert.rule.name"]?.string ?? alert.ruleID
    guard let pid = document.value(atPath: "process.pid") else {
      let what =
        document["kibana.alert.original_time"] == nil
        ? columns(of: document) : document["kibana.alert.reason"]?.string ?? ""
      return "ALERT \(alert.severity.rawValue)  \(name)  \(what.prefix(160))"
    }
    let what =
      document.value(atPath: "process.command_line")?.string
      ?? document.value(atPath: "process.executable")?.string ?? ""
    let host = document.value(atPath: "host.name")?.string ?? "?"
    let process = "(pid \(AlertText.scalar(pid)), host \(host))"
    return "ALERT \(alert.severity.rawValue)  \(name)  \(what.prefix(120))  \(process)"
  }

  /// `key=value` for each top-level member of an alert that is not an alert field: the source's or the row's.
  private static func columns(of document: JSONObject) -> String {
    var columns: [String] = []
    document.forEachMember { key, value in
      guard !key.hasPrefix("kibana."), key != "@timestamp", key != "event.kind" else { return }
      columns.append("\(key)=\(AlertText.scalar(value))")
    }
    return columns.joined(separator: " ")
  }
}

/// Text of a scalar JSON value for one-line summaries.
enum AlertText {
  static func scalar(_ value: JSONValue) -> String {
    switch value {
    case .string(let text), .number(let text): text
    case .bool(let bool): String(bool)
    default: value.jsonText
    }
  }
}
