/// The runs of a rule's schedule laid on event time, as stream mode runs aggregating rules: run `k` happens at
/// `k·interval` and covers the window `[k·interval - lookback, k·interval]` (nanoseconds). A look-back shorter than
/// the interval is taken as the interval, so that every time falls in some window.
struct RunGrid {
  let interval: Int64
  let lookback: Int64

  init(intervalSeconds: Int64, lookbackSeconds: Int64) {
    interval = max(1, intervalSeconds) * 1_000_000_000
    lookback = max(intervalSeconds, lookbackSeconds) * 1_000_000_000
  }

  /// The runs whose window holds `time`.
  func runs(holding time: Int64) -> ClosedRange<Int64>? {
    let first = firstRun(endingAtOrAfter: time)
    let last = (time + lookback).floorDivided(by: interval)
    return first <= last ? first...last : nil
  }

  /// The first run whose window ends at `time` or later: the runs before it have ended.
  func firstRun(endingAtOrAfter time: Int64) -> Int64 { time.ceilingDivided(by: interval) }

  /// When run `run` happens: its window's end.
  func end(of run: Int64) -> Int64 { run * interval }
}

extension Int64 {
  /// Division rounding toward negative infinity (`divisor` > 0).
  func floorDivided(by divisor: Int64) -> Int64 {
    self >= 0 ? self / divisor : -((-self + divisor - 1) / divisor)
  }

  /// Division rounding toward positive infinity (`divisor` > 0).
  func ceilingDivided(by divisor: Int64) -> Int64 {
    -(-self).floorDivided(by: divisor)
  }
}
