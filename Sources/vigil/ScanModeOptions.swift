import ArgumentParser
import VigilEngine
import VigilEvents
import VigilRules

/// `vigil scan --mode stream|replay [--start T] [--end T]`: how a scan runs the rules over event time.
struct ScanModeOptions: ParsableArguments {
  enum Mode: String, ExpressibleByArgument, CaseIterable {
    case stream, replay
  }

  @Option(
    help: ArgumentHelp(
      "stream: evaluate continuously as events come (default); replay: simulate Kibana's schedule.",
      discussion: "Replay keeps each rule's matching events and runs the rule every `interval` over `from`, with "
        + "max_signals and deduplication, as Kibana would have; alerts come when the input ends."))
  var mode: Mode = .stream

  @Option(
    help: ArgumentHelp(
      "Replay: the time of every rule's first run (ISO-8601, e.g. 2026-11-02T10:00:00Z).",
      discussion: "Default: the first multiple of the rule's interval at or after its earliest event.",
      valueName: "time"))
  var start: String?

  @Option(
    help: ArgumentHelp(
      "Replay: runs go on until their window starts after this time (ISO-8601).",
      discussion: "Default: the latest event, so every window that holds an event is run.", valueName: "time"))
  var end: String?

  @OptionGroup var reorder: ReorderWindowOption

  func validate() throws {
    if mode == .stream, start != nil || end != nil {
      throw ValidationError("--start and --end need --mode replay")
    }
    let range = try replayRange()
    if let start = range.start, let end = range.end, end < start {
      throw ValidationError("--end must not be before --start")
    }
  }

  /// The engine for the chosen mode.
  func engine(ruleSet: CompiledRuleSet, defaultIndex: String?, profiling: Bool = false) throws -> ScanModeEngine {
    switch mode {
    case .stream:
      .stream(
        ScanEngine(
          ruleSet: ruleSet, defaultIndex: defaultIndex, reorderWindowSeconds: try reorder.seconds,
          profiling: profiling))
    case .replay: .replay(ReplayEngine(ruleSet: ruleSet, defaultIndex: defaultIndex, range: try replayRange()))
    }
  }

  private func replayRange() throws -> ReplayRange {
    ReplayRange(start: try Self.time(start, option: "--start"), end: try Self.time(end, option: "--end"))
  }

  /// Nanoseconds since the epoch for an ISO-8601 time (`strict_date_optional_time`, UTC when no offset is given).
  static func time(_ text: String?, option: String) throws -> Int64? {
    guard let text else { return nil }
    guard let time = Timestamp.parse(Array(text.utf8)) else {
      throw ValidationError("\(option): '\(text)' is not an ISO-8601 time (e.g. 2026-11-02T10:00:00Z)")
    }
    return time
  }
}
