import VigilESQL
import VigilEvents

/// An aggregating ES|QL rule run the way Kibana's schedule runs it, in event time: at each run time
/// `t = k·interval`, the pipeline runs over the rule's events in `[t - lookback, t]` and each row becomes an alert.
///
/// No event is kept: a run is open for every window the current time falls in (more than one when look-back exceeds
/// the interval), each event is fed to the runs whose window holds it, and a run finishes once event time passes
/// its end. Memory is what the pipelines hold (their STATS groups).
struct ESQLWindowState {
  /// One run's rows, with the window they came from.
  struct Run {
    var start: Int64
    var end: Int64
    var rows: [ESQLRow]
  }

  let program: ESQLProgram
  let grid: RunGrid
  /// A run still open, of window number `k` (the window ends at `k·interval`).
  private struct OpenRun {
    let window: Int64
    var run: ESQLRun
  }
  /// The open runs by ascending window: a few (look-back over interval, rounded up). An array, as reading a run
  /// out of a dictionary copied it, retaining every array it holds, for each event.
  private var open: [OpenRun] = []

  init(program: ESQLProgram, intervalSeconds: Int64, lookbackSeconds: Int64) {
    self.program = program
    grid = RunGrid(intervalSeconds: intervalSeconds, lookbackSeconds: lookbackSeconds)
  }

  /// Adds an event at `time` (events come in time order), first finishing every run whose window ended before it.
  /// - Parameters:
  ///   - streamed: what the event adds to every window it falls in, made once for all (``MatchPreparer``); only
  ///     when the program's streaming commands ignore `NOW()` (``ESQLProgram/streamingIgnoresNow``).
  ///   - fields: the event's field values that other ES|QL rules made, for a program fed each run on its own.
  mutating func add(
    _ event: Event, at time: Int64, streamed: ESQLRun.Streamed?, sharing fields: inout ESQLFieldCache
  ) -> [Run] {
    let finished = advance(to: time)
    contribute(event, at: time, streamed: streamed, sharing: &fields)
    return finished
  }

  /// Finishes every run whose window ended before `time`, now that event time reached it.
  mutating func advance(to time: Int64) -> [Run] {
    // Windows k with k·interval - lookback <= time <= k·interval; those before `first` have ended.
    let first = grid.firstRun(endingAtOrAfter: time)
    // The runs that ended are finished in place and removed at once: removing them one by one moved every open run
    // each time (a look-back of 1,441 intervals keeps that many open).
    let ended = open.firstIndex { $0.window >= first } ?? open.count
    guard ended > 0 else { return [] }
    var finished: [Run] = []
    finished.reserveCapacity(ended)
    for position in 0..<ended {
      finished.append(Self.finish(&open[position], grid: grid))
    }
    open.removeFirst(ended)
    return finished
  }

  /// Adds an event at `time` to every run whose window holds it, starting the runs not open yet. Events may come
  /// in any order as long as no run they fall in has finished: the aggregations do not depend on row order.
  mutating func contribute(
    _ event: Event, at time: Int64, streamed: ESQLRun.Streamed?, sharing fields: inout ESQLFieldCache
  ) {
    guard let windows = grid.runs(holding: time) else { return }
    let firstPosition = openRuns(windows)
    for position in firstPosition..<firstPosition + windows.count {
      guard let streamed else {
        open[position].run.feed(event, sharing: &fields)
        continue
      }
      open[position].run.accept(open[position].run.wantsRows ? streamed : .nothing)
    }
  }

  /// Starts the runs of `windows` that are not open yet and returns the position of the first in `open`. Events in
  /// time order only add runs past the open ones; the runs an earlier event needs before them are added at once.
  private mutating func openRuns(_ windows: ClosedRange<Int64>) -> Int {
    if let earliest = open.first?.window, windows.lowerBound < earliest {
      let before = windows.lowerBound...min(windows.upperBound, earliest - 1)
      open.insert(contentsOf: before.map { newRun($0) }, at: 0)
    }
    let first = open.firstIndex { $0.window >= windows.lowerBound } ?? open.count
    var position = first
    for window in windows {
      if position == open.count || open[position].window != window { open.insert(newRun(window), at: position) }
      position += 1
    }
    return first
  }

  private func newRun(_ window: Int64) -> OpenRun {
    OpenRun(window: window, run: program.start(now: grid.end(of: window)))
  }

  /// Finishes every open run, at the end of the input.
  mutating func finish() -> [Run] {
    var finished: [Run] = []
    for position in open.indices {
      finished.append(Self.finish(&open[position], grid: grid))
    }
    open = []
    return finished
  }

  private static func finish(_ open: inout OpenRun, grid: RunGrid) -> Run {
    let end = grid.end(of: open.window)
    return Run(start: end - grid.lookback, end: end, rows: open.run.finish().rows)
  }
}
