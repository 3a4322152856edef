import VigilEQL
import VigilEvents

/// An EQL `sample` rule run the way Kibana's schedule runs it, in event time: at each run time `t = k·interval`, the
/// sample query runs over the rule's events in `[t - lookback, t]`, and each sample found becomes alerts.
///
/// A run is open for every window the current time falls in (more than one when look-back exceeds the interval),
/// each with its own ``EQLSampleMatcher``; an event goes to the runs whose window holds it, and a run finishes once
/// event time passes its end. The documents of events some run may still put in a sample are kept until no open
/// window holds their time. Events come in time order but for late ones (input out of order beyond the reorder
/// window, or a rule timed by another field than `@timestamp`, whose time may go back a little): a late event opens
/// its windows again, as ``ESQLWindowState`` does, so that files of different periods read one after the other each
/// get their samples.
struct SampleWindowState {
  /// The samples of one finished run, each its events' documents in subquery order.
  struct Run {
    var end: Int64
    var samples: [[SourceDocument]]
  }

  let steps: [EQLLoweredStep]
  let grid: RunGrid
  let capacity: Int
  /// The open runs by ascending window (the window ends at `window·interval`).
  private var open: [(window: Int64, matcher: EQLSampleMatcher)] = []
  /// The documents of the events kept by an open run, by event id, with their times.
  private var documents: [Int: (source: SourceDocument, time: Int64)] = [:]
  /// The join keys of the event being added, read once for all its runs.
  private var keys = EQLSampleKeys()
  /// Join key values forgotten by the runs, beyond `capacity` each.
  private(set) var evictions = 0

  init(steps: [EQLLoweredStep], intervalSeconds: Int64, lookbackSeconds: Int64, capacity: Int) {
    self.steps = steps
    grid = RunGrid(intervalSeconds: intervalSeconds, lookbackSeconds: lookbackSeconds)
    self.capacity = capacity
  }

  /// Adds event `id` (`source` its document, `stepsHeld` the subqueries it satisfies) at `time`, first finishing
  /// every run whose window ended before it.
  mutating func add(_ event: Event, id: Int, stepsHeld: UInt64, at time: Int64, source: SourceDocument) -> [Run] {
    let finished = advance(to: time)
    guard let windows = grid.runs(holding: time) else { return finished }
    var kept = false
    for window in windows {
      let position = openRun(window)
      kept = open[position].matcher.process(event, id: id, stepsHeld: stepsHeld, sharing: &keys) || kept
    }
    if kept { documents[id] = (source.compacted(), time) }
    return finished
  }

  /// Finishes every run whose window ended before `time`.
  mutating func advance(to time: Int64) -> [Run] {
    let first = grid.firstRun(endingAtOrAfter: time)
    let ended = open.firstIndex { $0.window >= first } ?? open.count
    guard ended > 0 else { return [] }
    let ending = open[..<ended]
    open.removeFirst(ended)
    let finished = ending.map { finish($0.window, $0.matcher) }
    // Only documents inside a window still open can be part of a sample.
    let start = open.first.map { grid.end(of: $0.window) - grid.lookback } ?? .max
    documents = documents.filter { $0.value.time >= start }
    return finished
  }

  /// Finishes every open run, at the end of the input.
  mutating func finish() -> [Run] {
    let finished = open.map { finish($0.window, $0.matcher) }
    open = []
    documents = [:]
    return finished
  }

  /// The position in `open` of the run of `window`, started when not open yet.
  private mutating func openRun(_ window: Int64) -> Int {
    let position = open.firstIndex { $0.window >= window } ?? open.count
    if position == open.count || open[position].window != window {
      let matcher = EQLSampleMatcher(steps, limits: EQLSequenceMatcher.Limits(maximumPartials: capacity))
      open.insert((window, matcher), at: position)
    }
    return position
  }

  private mutating func finish(_ window: Int64, _ matcher: EQLSampleMatcher) -> Run {
    var matcher = matcher
    let samples = matcher.finish().compactMap { match -> [SourceDocument]? in
      let ids = match.events.compactMap { $0 }
      let sources = ids.compactMap { documents[$0]?.source }
      return sources.count == ids.count ? sources : nil
    }
    evictions += matcher.statistics.evictions
    return Run(end: grid.end(of: window), samples: samples)
  }
}
