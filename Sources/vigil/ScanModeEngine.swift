import VigilEngine
import VigilEvents

/// The engine a scan runs, by mode: stream mode alerts as events come, replay mode when the input ends.
enum ScanModeEngine {
  case stream(ScanEngine)
  case replay(ReplayEngine)

  func process(_ event: Event, emit: (Alert) -> Void) {
    switch self {
    case .stream(let engine): engine.process(event, emit: emit)
    case .replay(let engine): engine.process(event)
    }
  }

  func finish(emit: (Alert) -> Void) {
    switch self {
    case .stream(let engine): engine.finish(emit: emit)
    case .replay(let engine): engine.finish(emit: emit)
    }
  }

  var statistics: ScanStatistics {
    switch self {
    case .stream(let engine): engine.statistics
    case .replay(let engine): engine.statistics
    }
  }

  /// Rules that every event reaches (they have no exact condition for the router).
  var unroutedRuleCount: Int {
    switch self {
    case .stream(let engine): engine.router.unroutedRuleCount
    case .replay(let engine): engine.router.unroutedRuleCount
    }
  }

  /// Entries stateful rules dropped at their capacity, per rule id (stream mode).
  var stateEvictions: [String: Int] {
    guard case .stream(let engine) = self else { return [:] }
    return engine.stateEvictions
  }

  /// Time and matches per rule, and the time on tests many rules share, when the stream scan was profiled.
  var profile: (rules: [RuleProfile], sharedTestNanoseconds: Int64)? {
    guard case .stream(let engine) = self, let profile = engine.profile else { return nil }
    return (profile, engine.sharedTestNanoseconds)
  }

  /// Replay's line for the closing summary: runs simulated, runs that hit `max_signals`, events lost to it.
  var report: String? {
    guard case .replay(let engine) = self else { return nil }
    let replay = engine.replayStatistics
    var line = "Replay: \(replay.runs) rule runs simulated"
    if !replay.cappedRuns.isEmpty {
      line += "; \(replay.cappedRuns.values.reduce(0, +)) reached max_signals (\(replay.cappedRuns.count) rules)"
    }
    if !replay.lostEvents.isEmpty {
      let lost = replay.lostEvents.values.reduce(0, +)
      line += "; \(lost) matching events never alerted (every run that saw them was full)"
    }
    if replay.matchesWithoutTimestamp > 0 {
      line += "; \(replay.matchesWithoutTimestamp) matches without a timestamp skipped"
    }
    if !replay.evictions.isEmpty {
      line += "; \(replay.evictions.values.reduce(0, +)) state entries evicted (partial sequences, sample keys, "
        + "held suppressed alerts)"
    }
    return line + "."
  }
}
