/// What a scan keeps once it stops holding events for time order (``ScanEngine/stopReordering(emit:)``): the latest
/// `@timestamp` run, to count an event earlier than it as late, and the windows of aggregating ES|QL rules to finish
/// on the turn each event would have had, in `@timestamp` order.
struct UnheldOrder {
  /// The latest `@timestamp` of an event run.
  private(set) var latest: Int64
  /// The reorder window: an event's turn would have come once an event this much later was read.
  let windowNanoseconds: Int64
  /// The deferred finishes, from `next` on: each `release`s once an event at that time or later has been read.
  private var finishes: [(release: Int64, rule: Int, time: Int64)] = []
  private var next = 0

  init(latest: Int64, windowNanoseconds: Int64) {
    self.latest = latest
    self.windowNanoseconds = windowNanoseconds
  }

  /// Notes an event run at `time`; `false` when it is earlier than one run before it (late).
  mutating func noteRun(at time: Int64) -> Bool {
    guard time >= latest else { return false }
    latest = time
    return true
  }

  /// Defers the finishing of rule `rule`'s windows before `time` to the turn of an event at `eventTime`.
  mutating func deferFinishing(rule: Int, to time: Int64, eventTime: Int64) {
    finishes.append((eventTime &+ windowNanoseconds, rule, time))
  }

  /// The next deferred finish whose turn has come by `time` (the latest `@timestamp` read), removed.
  mutating func nextDue(by time: Int64) -> (rule: Int, time: Int64)? {
    guard next < finishes.count, finishes[next].release <= time else {
      // The finished ones are dropped once they are most of the list.
      if next > 1024, next * 2 > finishes.count {
        finishes.removeFirst(next)
        next = 0
      }
      return nil
    }
    next += 1
    return (finishes[next - 1].rule, finishes[next - 1].time)
  }
}
