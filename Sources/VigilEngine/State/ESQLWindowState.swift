import VigilESQL
import VigilEvents

/// An aggregating ES|QL rule run the way Kibana's schedule runs it, in event time: at each run time
/// `t = k·interval`, the pipeline runs over the rule's events in `[t - lookback, t]` and each row becomes an alert.
/// Only the events of the look-back are kept.
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
  private var events: [(time: Int64, event: Event)] = []
  private var head = 0
  private var nextRun: Int64?

  init(program: ESQLProgram, intervalSeconds: Int64, lookbackSeconds: Int64) {
    self.program = program
    interval = max(1, intervalSeconds) * 1_000_000_000
    lookback = max(intervalSeconds, lookbackSeconds) * 1_000_000_000
  }

  /// Adds an event at `time`, first completing every run due before it.
  mutating func add(_ event: Event, at time: Int64) -> [Run] {
    if nextRun == nil { nextRun = (time / interval + 1) * interval }
    var runs: [Run] = []
    while let due = nextRun, time > due {
      runs.append(run(at: due))
      nextRun = due + interval
    }
    events.append((time, event))
    return runs
  }

  /// The run due after the last event, at the end of the input.
  mutating func finish() -> [Run] {
    guard let due = nextRun, head < events.count else { return [] }
    nextRun = nil
    return [run(at: due)]
  }

  private mutating func run(at end: Int64) -> Run {
    let start = end - lookback
    while head < events.count, events[head].time < start { head += 1 }
    if head > 1024, head * 2 > events.count {
      events.removeFirst(head)
      head = 0
    }
    var execution = program.start(now: end)
    for (time, event) in events[head...] where time <= end { execution.feed(event) }
    return Run(start: start, end: end, rows: execution.finish().rows)
  }
}
