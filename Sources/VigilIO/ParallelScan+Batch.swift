import Dispatch
import VigilEngine
import VigilEvents

extension ParallelScan {
  /// Documents read, cut in chunks that threads claim one at a time to match.
  final class Batch: @unchecked Sendable {
    struct Document {
      var path: String
      var line: Int
      var index: String?
      var id: String?
    }

    /// Where each document came from; its text is in its chunk.
    var documents: [Document] = []
    /// Kept from batch to batch, so that reading and matching reuse their buffers; the first `chunkCount` are this
    /// batch's.
    private(set) var chunks: [Chunk] = []
    private(set) var chunkCount = 0
    /// Guards the claims and `completed` (a semaphore as a lock: uncontended, it costs an atomic operation).
    private let lock = DispatchSemaphore(value: 1)
    /// The chunks not claimed yet are `unclaimed`.
    private var unclaimed = 0..<0
    private var completed = 0
    /// Signalled when every chunk is matched.
    let matched = DispatchSemaphore(value: 0)

    /// Adds a document: its text goes to its chunk, and into its event once decoded, without being copied again.
    func append(_ document: RawDocument) {
      let (position, offset) = documents.count.quotientAndRemainder(dividingBy: ParallelScan.chunkSize)
      if position == chunks.count { chunks.append(Chunk()) }
      let chunk = chunks[position]
      if offset == chunk.texts.count {
        chunk.texts.append([])
        chunk.events.append(Event())
      }
      chunk.texts[offset].removeAll(keepingCapacity: true)
      chunk.texts[offset].append(contentsOf: document.bytes)
      documents.append(Document(path: document.path, line: document.line, index: document.index, id: document.id))
    }

    /// Cuts the documents read into chunks, before any thread claims one.
    func seal() {
      chunkCount = (documents.count + ParallelScan.chunkSize - 1) / ParallelScan.chunkSize
      unclaimed = 0..<chunkCount
      completed = 0
    }

    /// The position of a chunk no thread has claimed yet, now the caller's to match, or `nil`: the first such chunk,
    /// or the last `fromTheEnd`.
    ///
    /// Workers take chunks from the start and the engine's thread from the end, so that most chunks are decoded by
    /// the same thread from batch to batch: a chunk's events keep their buffers, and decoding into buffers another
    /// core last wrote moves each cache line between the cores.
    func claim(fromTheEnd: Bool = false) -> Int? {
      lock.wait()
      defer { lock.signal() }
      guard !unclaimed.isEmpty else { return nil }
      if fromTheEnd {
        unclaimed = unclaimed.lowerBound..<unclaimed.upperBound - 1
        return unclaimed.upperBound
      }
      unclaimed = unclaimed.lowerBound + 1..<unclaimed.upperBound
      return unclaimed.lowerBound - 1
    }

    /// Notes that a claimed chunk is matched; the last one signals `matched`.
    func complete() {
      lock.wait()
      completed += 1
      let last = completed == chunkCount
      lock.signal()
      if last { matched.signal() }
    }

    func reset() {
      documents.removeAll(keepingCapacity: true)
    }
  }

  /// One chunk's events, and the rules they matched.
  final class Chunk {
    enum Outcome {
      case bad(String)
      /// The event's matches are `matches[matches]`, what was prepared of it `prepared[prepared]`; `knownTime`, the
      /// time the preparer parsed of it.
      case matched(
        index: String?, matches: Range<Int>, prepared: Range<Int>, evaluations: Int, knownTime: EventTimes.Known?)
    }

    /// By document, its text, then its event: decoding moves the text into the event, and the event's former text
    /// buffer here. Both are kept from batch to batch, so that they reuse their buffers.
    var texts: [[UInt8]] = []
    var events: [Event] = []
    var outcomes: [Outcome] = []
    /// The rules the chunk's events matched and what was prepared of them, one event after another: kept from batch
    /// to batch, so that matching allocates no array per event.
    var matches: [RuleMatch] = []
    var prepared: [PreparedMatch] = []
    /// By document, what the engine's reorder buffer would keep of the event (matched events, with a window).
    var heldTexts: [HeldEventText?] = []

    func reset() {
      outcomes.removeAll(keepingCapacity: true)
      heldTexts.removeAll(keepingCapacity: true)
      matches.removeAll(keepingCapacity: true)
      prepared.removeAll(keepingCapacity: true)
    }
  }
}
