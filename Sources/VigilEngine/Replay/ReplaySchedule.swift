import VigilRules

/// One rule's virtual runs: run times `t_k = t_0 + k·interval`, each searching the window `[t_k + from, t_k + to]`
/// (both ends inclusive), as Kibana's task manager would have run the rule over the replayed stretch of time.
struct ReplaySchedule {
  /// Nanoseconds between runs (at least 1).
  let interval: Int64
  /// The window's ends relative to the run time, nanoseconds (`from` is usually negative, `to` zero).
  let fromOffset: Int64
  let toOffset: Int64
  /// The first and last run times; there is no run when `lastRun < firstRun`.
  let firstRun: Int64
  let lastRun: Int64

  /// The schedule of a rule whose events span `earliest...latest` (primary timestamps), within `range`.
  init(_ schedule: RuleSchedule, range: ReplayRange, earliest: Int64, latest: Int64) {
    interval = max(1, schedule.interval.seconds) &* 1_000_000_000
    fromOffset = schedule.from.offsetSeconds &* 1_000_000_000
    toOffset = schedule.to.offsetSeconds &* 1_000_000_000
    var first: Int64
    if let start = range.start {
      first = start
    } else {
      // The first run on the interval's grid whose window reaches the earliest event; if the window is shorter than
      // the interval and starts after it, a run that ends exactly at it.
      first = (earliest - toOffset).ceilingDivided(by: interval) &* interval
      if first + fromOffset > earliest { first = earliest - toOffset }
    }
    firstRun = first
    // Runs go on while their window still reaches back to the end (the last event, or `--end`).
    let target = range.end ?? latest
    if target < first + fromOffset {
      lastRun = first - interval
    } else {
      let reaching = (target - fromOffset - first).floorDivided(by: interval)
      let covering = (target - toOffset - first).ceilingDivided(by: interval)
      lastRun = first + max(0, reaching, covering) &* interval
    }
  }

  /// The window a run at `run` searches.
  func window(of run: Int64) -> ClosedRange<Int64> {
    let start = run + fromOffset
    return start...max(start, run + toOffset)
  }

  /// Calls `body` with each run whose window holds some of `times` (sorted ascending), in order, and the positions
  /// of those times. Runs with empty windows change nothing, so they are skipped without being visited.
  func forEachRun(over times: [Int64], _ body: (Int64, Range<Int>) throws -> Void) rethrows {
    var run = firstRun
    while run <= lastRun {
      let window = window(of: run)
      let lower = times.partitionPoint { $0 >= window.lowerBound }
      let upper = times.partitionPoint { $0 > window.upperBound }
      if lower < upper {
        try body(run, lower..<upper)
        run += interval
        continue
      }
      guard upper < times.count else { return }
      // Skip to the first run whose window reaches the next event.
      let steps = (times[upper] - toOffset - firstRun).ceilingDivided(by: interval)
      run = max(run + interval, firstRun + steps &* interval)
    }
  }
}
