import Dispatch
import Synchronization
import VigilEngine
import VigilEvents

/// Finds out, on a thread of its own, whether the events of some files come in time order: every event has a
/// `@timestamp`, none earlier than the one before it. A scan holding events for time order (a reorder window) stops
/// holding them when the check says so (``ScanEngine/stopReordering(emit:)``, at ``ParallelScan/orderCheckpoint``):
/// most exports and logs are in order, and holding a minute of events cost a tenth of a scan for nothing.
///
/// The files are read a second time with a decoder of `@timestamp` alone, as the scan reads them (same framing, same
/// dates). Anything the check cannot vouch for leaves the scan holding events: a document it cannot decode, a source
/// it cannot read, standard input (which cannot be read twice).
public final class TimeOrderCheck: Sendable {
  private enum State: UInt8 {
    case running, inOrder, notInOrder
  }

  private let state = Atomic<UInt8>(State.running.rawValue)
  private let cancelled = Atomic<Bool>(false)
  private let running = DispatchGroup()

  private init() {}

  /// Starts checking `sources` in the background; `nil` when one of them is standard input.
  public static func start(_ sources: [EventSource]) -> TimeOrderCheck? {
    guard sources.allSatisfy({ $0 != .standardInput }) else { return nil }
    let check = TimeOrderCheck()
    check.running.enter()
    DispatchQueue.global(qos: .utility).async {
      check.run(sources)
      check.running.leave()
    }
    return check
  }

  /// Waits for the check to finish.
  func wait() { running.wait() }

  /// Whether the check finished and found every event in time order.
  public var isInOrder: Bool { state.load(ordering: .acquiring) == State.inOrder.rawValue }

  /// Whether the check finished, either way.
  public var isFinished: Bool { state.load(ordering: .acquiring) != State.running.rawValue }

  /// Stops the check early (the scan ended first): it then finds nothing in order.
  public func cancel() { cancelled.store(true, ordering: .relaxed) }

  /// Reads `sources` to the end or to the first event out of order. Files a scan merges by time
  /// (``TimeMergedDocuments``) need each be in order only: merged, they are.
  func run(_ sources: [EventSource]) {
    struct Stop: Error {}
    let reader = EventReader(
      decoder: EventDecoder(fields: []), reporter: BadInputReporter(limit: 0, printsToStandardError: false))
    let eachFileApart = TimeMergedDocuments.merges(sources)
    var event = Event()
    var latest = Int64.min
    var path = ""
    var inOrder = true
    do {
      try reader.readDocuments(sources) { document in
        if eachFileApart, document.path != path {
          path = document.path
          latest = Int64.min
        }
        guard !cancelled.load(ordering: .relaxed),
          let time = DocumentTime.time(of: document.bytes, decoder: reader.decoder, &event), time >= latest
        else {
          inOrder = false
          throw Stop()
        }
        latest = time
      }
    } catch {
      inOrder = false
    }
    let vouched = inOrder && !reader.reporter.hasProblems && !cancelled.load(ordering: .relaxed)
    state.store((vouched ? State.inOrder : State.notInOrder).rawValue, ordering: .releasing)
  }
}
