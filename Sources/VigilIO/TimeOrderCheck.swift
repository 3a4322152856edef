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

  /// Reads `sources` to the end or to the first event out of order.
  func run(_ sources: [EventSource]) {
    struct Stop: Error {}
    let reader = EventReader(
      decoder: EventDecoder(fields: []), reporter: BadInputReporter(limit: 0, printsToStandardError: false))
    var event = Event()
    var latest = Int64.min
    var inOrder = true
    do {
      try reader.readDocuments(sources) { document in
        guard !cancelled.load(ordering: .relaxed), let time = time(of: document.bytes, decoder: reader.decoder, &event),
          time >= latest
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

  /// The time of a document as the scan's decoder finds it (its first `@timestamp` value); `nil` when it has none or
  /// does not decode.
  ///
  /// A document that opens with its `@timestamp` as a string without escapes (as Elastic's documents and most logs
  /// do) has that time, the first value, read without decoding the rest: an invalid document is one the scan skips,
  /// and skipping an event leaves the others in order. Others are decoded.
  private func time(of document: UnsafeRawBufferPointer, decoder: EventDecoder, _ event: inout Event) -> Int64? {
    if let text = Self.openingTime(of: document) { return Timestamp.parse(text) }
    do {
      try decoder.decode(document, into: &event)
    } catch {
      return nil
    }
    return event.timestamp
  }

  /// The text of the `@timestamp` string `document` opens with, when it has no escapes.
  private static func openingTime(of document: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
    let quote = UInt8(ascii: "\"")
    let backslash = UInt8(ascii: "\\")
    guard document.count > openingKey.count, document.starts(with: openingKey),
      let close = document[openingKey.count...].firstIndex(where: { $0 == quote || $0 == backslash }),
      document[close] == quote
    else { return nil }
    return UnsafeRawBufferPointer(rebasing: document[openingKey.count..<close])
  }

  private static let openingKey = Array(#"{"@timestamp":""#.utf8)
}
