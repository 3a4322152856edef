import Dispatch
import Synchronization
import VigilEngine
import VigilEvents

/// A stream-mode scan on several threads whose results are those of ``ScanEngine/process(_:emit:)`` called on one
/// event at a time (on one thread, it is just that).
///
/// Documents are read in batches on the calling thread. Worker threads decode, route and match each batch against
/// every rule's predicate and prepare what depends on each event alone (the stateless half, see ``RuleMatcher`` and
/// ``MatchPreparer``); the engine then runs the stateful executors over the batches' events in input order on the
/// calling thread, while the workers go on with the next batches. A batch is matched in chunks that any thread may
/// take: when the engine's turn comes to a batch not yet matched, the calling thread matches the chunks no worker
/// has started instead of waiting, so the threads balance themselves whichever half costs more.
///
/// With a reorder window, the scan checks its files' time order on the side (``TimeOrderCheck``) and, when they are
/// in order, has the engine stop holding events after ``orderCheckpoint`` events.
public final class ParallelScan {
  public let engine: ScanEngine
  /// Threads in all, the calling thread included: `threads - 1` workers.
  public let threads: Int
  /// Problems met: set it before ``run(_:emit:)``, read it after.
  public var reporter: BadInputReporter
  /// Bytes read (after decompression).
  public private(set) var byteCount = 0
  /// Documents per batch: large enough to amortise the hand-over, small enough to keep memory flat. Each document
  /// of the batches in flight keeps its text and event buffers: with 128 rather than 512, two threads held 15-20 MB
  /// less on a million events, at the same speed (docs/benchmarks-history.md).
  static let batchSize = 128
  /// Documents per chunk, the share of a batch one thread takes at a time: the engine waits at most for one chunk.
  static let chunkSize = 16
  /// Batches each worker may have waiting or in hand. Three held 12 MB more than two, for no speed.
  static let batchesPerWorker = 2

  /// The batches in the ring of a scan on `threads` threads: while the engine works through the oldest, the workers
  /// match the next ones and the calling thread fills another.
  static func ringSize(threads: Int) -> Int { (threads - 1) * batchesPerWorker + 1 }

  public init(engine: ScanEngine, threads: Int, reporter: BadInputReporter) {
    self.engine = engine
    self.threads = max(1, threads)
    self.reporter = reporter
  }

  /// Scans every document of `sources`, calling `emit` with each new alert in the order a single thread would, and
  /// `progress` after each batch.
  public func run(
    _ sources: [EventSource], progress: () -> Void = {}, emit: (Alert) throws -> Void
  ) throws {
    try run(
      sources, orderCheck: engine.reorders ? TimeOrderCheck.start(sources) : nil, progress: progress, emit: emit)
  }

  /// The event after which a scan with a reorder window stops holding events when its files are found in time
  /// order (waiting there for the check, if it has not finished): always the same event, so that the alerts come
  /// out in the same order on any number of threads and in every run (an aggregating ES|QL rule's come out a
  /// little later once events are not held, see ``ScanEngine/stopReordering(emit:)``). Scans of fewer events hold
  /// them all.
  static let orderCheckpoint = 1 << 16

  /// ``run(_:progress:emit:)`` with the check of the sources' time order given (`nil`: none), consulted after
  /// `checkpoint` events.
  func run(
    _ sources: [EventSource], orderCheck: TimeOrderCheck?, checkpoint: Int = orderCheckpoint,
    progress: () -> Void = {}, emit: (Alert) throws -> Void
  ) throws {
    let reader = EventReader(decoder: EventDecoder(catalog: engine.ruleSet.catalog), reporter: reporter)
    // Several files are merged by time while events are held for time order; `--reorder-window 0` keeps the order
    // given.
    let merged = engine.reorders && TimeMergedDocuments.merges(sources) ? TimeMergedDocuments(sources) : nil
    defer {
      reporter = reader.reporter
      byteCount = merged?.byteCount ?? reader.byteCount
    }
    /// Every document of the sources, merged by time or one source after another.
    func forEachDocument(_ body: (RawDocument) throws -> Void) throws {
      guard let merged else { return try reader.readDocuments(sources, body) }
      try merged.forEach(body) { try reader.reporter.relayFailedSources(of: $0) }
    }
    defer { orderCheck?.cancel() }
    // Whether the engine still holds events, so that workers make their held text: read by the workers, cleared by
    // this thread once the engine stops reordering (a worker reading it late makes text the engine drops).
    let holdsEvents = HoldsEventsFlag(engine.reorders)
    var eventsRun = 0
    /// Counts an event run; at the checkpoint, stops the engine holding events if the check finds them in order.
    func passCheckpoint() throws {
      eventsRun += 1
      guard eventsRun == checkpoint, let orderCheck else { return }
      orderCheck.wait()
      guard orderCheck.isInOrder else { return }
      try engine.stopReordering(emit: emit)
      holdsEvents.value.store(false, ordering: .relaxed)
    }
    guard threads > 1 else {
      func run(_ event: Event) throws {
        try engine.process(event, emit: emit)
        try passCheckpoint()
        if reader.eventCount % Self.batchSize == 0 { progress() }
      }
      if merged == nil {
        try reader.read(sources, run)
      } else {
        try forEachDocument { try reader.decode($0, run) }
      }
      return
    }
    // The calling thread's own matcher, for the chunks it takes over.
    let helper = Worker(engine: engine, holdsEvents: holdsEvents)
    let workers = (1..<threads).map { _ in Worker(engine: engine, holdsEvents: holdsEvents) }
    // Each worker matches its batches in turn, on a queue of its own; batch n goes to worker n mod workers.
    let queues = workers.indices.map { DispatchQueue(label: "vigil.scan.worker\($0)") }
    // Several batches per worker in flight let each side run ahead of the other for a while.
    let ring = (0..<Self.ringSize(threads: threads)).map { _ in Batch() }
    var submitted = 0
    var finished = 0

    func finishOldest() throws {
      let batch = ring[finished % ring.count]
      helper.matchChunks(of: batch, fromTheEnd: true)
      batch.matched.wait()
      for chunkIndex in 0..<batch.chunkCount {
        let chunk = batch.chunks[chunkIndex]
        let first = chunkIndex * Self.chunkSize
        for (offset, outcome) in chunk.outcomes.enumerated() {
          switch outcome {
          case .bad(let message):
            let document = batch.documents[first + offset]
            try reader.reporter.badDocument(path: document.path, line: document.line, message: message)
          case .matched(let index, let matches, let prepared, let evaluations, let knownTime):
            try chunk.events[offset].lend { event in
              try engine.process(
                event, index: index, matched: chunk.matches[matches], prepared: chunk.prepared[prepared],
                evaluations: evaluations, heldText: chunk.heldTexts[offset].take(), knownTime: knownTime, emit: emit)
            }
            try passCheckpoint()
          }
        }
        // Freed here, while the engine's cache holds what it just read of them (ES|QL contributions, alerts), rather
        // than by the next thread to match the chunk.
        chunk.reset()
      }
      progress()
      batch.reset()
      finished += 1
    }

    func submit() throws {
      let batch = ring[submitted % ring.count]
      batch.seal()
      if !workers.isEmpty {
        let worker = UnsafeTransfer(workers[submitted % workers.count])
        let handed = UnsafeTransfer(batch)
        queues[submitted % workers.count].async { worker.value.matchChunks(of: handed.value) }
      }
      submitted += 1
      // The next batch to fill is the oldest in flight when the ring is full.
      if submitted - finished == ring.count { try finishOldest() }
    }

    try forEachDocument { document in
      let batch = ring[submitted % ring.count]
      batch.append(document)
      if batch.documents.count == Self.batchSize { try submit() }
    }
    if !ring[submitted % ring.count].documents.isEmpty { try submit() }
    while finished < submitted { try finishOldest() }
  }
}

/// Hands values to another thread where the scan's structure, not the type system, rules out sharing: each
/// worker is used by one thread at a time, and each chunk of a batch by the one thread that claimed it.
private struct UnsafeTransfer<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// Whether a scan's engine holds events for time order, shared with its workers.
final class HoldsEventsFlag: Sendable {
  let value: Atomic<Bool>
  init(_ value: Bool) { self.value = Atomic(value) }
}
