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
  let interval: Int64
  let lookback: Int64
  /// A run still open, of window number `k` (the window ends at `k·interval`).
  private struct OpenRun {
    let window: Int64
    var run: ESQLRun
  }
  /// The open runs by ascending window: a few (look-back over interval, rounded up). An array, as reading a run
  /// out of a dictionary copied it, retaining every array it holds, for each event.
  private var open: [OpenRun] = []
  /// Makes the rows of an event once for every window it falls in, when the program allows
  /// (``ESQLProgram/streamingIgnoresNow``); `nil` feeds each run the event on its own.
  private var streamer: ESQLRun?

  init(program: ESQLProgram, intervalSeconds: Int64, lookbackSeconds: Int64) {
    self.program = program
    interval = max(1, intervalSeconds) * 1_000_000_000
    lookback = max(intervalSeconds, lookbackSeconds) * 1_000_000_000
    streamer = program.streamingIgnoresNow ? program.start(now: 0) : nil
  }

  /// Adds an event at `time` (events come in time order), first finishing every run whose window ended before it;
  /// `fields` are the event's field values that other ES|QL rules made.
  mutating func add(_ event: Event, at time: Int64, sharing fields: inout ESQLFieldCache) -> [Run] {
    // Windows k with k·interval - lookback <= time <= k·interval; those before `first` have ended.
    let first = Self.ceilingDivision(time, interval)
    var finished: [Run] = []
    while let oldest = open.first, oldest.window < first {
      // Removed before the call: `finish(open.removeFirst())` copies `self` (every open run) to call `finish`.
      open.removeFirst()
      finished.append(finish(oldest))
    }
    let last = Self.floorDivision(time + lookback, interval)
    guard first <= last else { return finished }
    var shared: ESQLRun.Streamed?
    for window in first...last {
      let position = self.position(of: window)
      guard streamer != nil else {
        open[position].run.feed(event, sharing: &fields)
        continue
      }
      guard open[position].run.wantsRows else {
        open[position].run.accept(.nothing)
        continue
      }
      if shared == nil {
        shared = streamer!.streamed(event, source: open[position].run.eventCount, sharing: &fields)
      }
      open[position].run.accept(shared!)
    }
    return finished
  }

  /// The position in `open` of the run of `window`, started when not open yet.
  private mutating func position(of window: Int64) -> Int {
    let position = open.firstIndex { $0.window >= window } ?? open.count
    if position == open.count || open[position].window != window {
      open.insert(OpenRun(window: window, run: program.start(now: window * interval)), at: position)
    }
    return position
  }

  /// Finishes every open run, at the end of the input.
  mutating func finish() -> [Run] {
    defer { open = [] }
    return open.map(finish)
  }

  private func finish(_ open: OpenRun) -> Run {
    var run = open.run
    let end = open.window * interval
    return Run(start: end - lookback, end: end, rows: run.finish().rows)
  }

  static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
  }

  static func ceilingDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
    -floorDivision(-value, divisor)
  }
}
