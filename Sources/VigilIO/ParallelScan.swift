import Dispatch
import VigilEngine
import VigilEvents

/// A stream-mode scan on several threads whose results are those of ``ScanEngine/process(_:emit:)`` called on one
/// event at a time.
///
/// Documents are read in batches on the calling thread. Worker threads decode, route and match each batch against
/// every rule's predicate and prepare what depends on each event alone (the stateless half, see ``RuleMatcher`` and
/// ``MatchPreparer``); the engine then runs the stateful executors over the batches' events in input order on the
/// calling thread, while the workers go on with the next batches.
public final class ParallelScan {
  public let engine: ScanEngine
  public let threads: Int
  /// Problems met: set it before ``run(_:emit:)``, read it after.
  public var reporter: BadInputReporter
  /// Bytes read (after decompression).
  public private(set) var byteCount = 0
  /// Documents per batch: large enough to amortise the hand-over, small enough to keep memory flat.
  static let batchSize = 512
  /// Batches each worker may have waiting or in hand. Three held 12 MB more than two, for no speed: the engine's
  /// thread, not the workers, sets the pace.
  static let batchesPerWorker = 2

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
    let reader = EventReader(decoder: EventDecoder(catalog: engine.ruleSet.catalog), reporter: reporter)
    defer {
      reporter = reader.reporter
      byteCount = reader.byteCount
    }
    let workers = (0..<threads).map { _ in Worker(engine: engine) }
    // Each worker matches its batches in turn, on a queue of its own; batch n goes to worker n mod threads.
    let queues = (0..<threads).map { DispatchQueue(label: "vigil.scan.worker\($0)") }
    // A ring of batches: while the engine works through the oldest, the workers match the next ones and this
    // thread fills another. Several batches per worker in flight let each side run ahead of the other for a while
    // instead of waiting for it at every batch.
    let ring = (0..<threads * Self.batchesPerWorker + 1).map { _ in Batch() }
    var submitted = 0
    var finished = 0

    func finishOldest() throws {
      let batch = ring[finished % ring.count]
      batch.matched.wait()
      for (position, outcome) in batch.outcomes.enumerated() {
        switch outcome {
        case .bad(let message):
          let document = batch.documents[position]
          try reader.reporter.badDocument(path: document.path, line: document.line, message: message)
        case .matched(let index, let matches, let prepared, let evaluations):
          // Lent, not copied: a copy of an event retains each of its buffers.
          var event = Event()
          swap(&event, &batch.events[position])
          defer { swap(&event, &batch.events[position]) }
          try engine.process(
            event, index: index, matched: batch.matches[matches], prepared: batch.prepared[prepared],
            evaluations: evaluations, heldText: batch.heldTexts[position].take(), emit: emit)
        }
      }
      progress()
      batch.reset()
      finished += 1
    }

    func submit() throws {
      let batch = UnsafeTransfer(ring[submitted % ring.count])
      let worker = UnsafeTransfer(workers[submitted % threads])
      queues[submitted % threads].async {
        worker.value.match(batch.value)
        batch.value.matched.signal()
      }
      submitted += 1
      // The next batch to fill is the oldest in flight when the ring is full.
      if submitted - finished == ring.count { try finishOldest() }
    }

    try reader.readDocuments(sources) { document in
      let batch = ring[submitted % ring.count]
      batch.append(document)
      if batch.documents.count == Self.batchSize { try submit() }
    }
    if !ring[submitted % ring.count].documents.isEmpty { try submit() }
    while finished < submitted { try finishOldest() }
  }

  /// Documents read, and once matched, their events and the rules they matched.
  final class Batch: @unchecked Sendable {
    enum Outcome {
      case bad(String)
      /// The event's matches are `matches[matches]`, what was prepared of it `prepared[prepared]`.
      case matched(index: String?, matches: Range<Int>, prepared: Range<Int>, evaluations: Int)
    }

    struct Document {
      var range: Range<Int>
      var path: String
      var line: Int
      var index: String?
      var id: String?
    }

    /// The documents' text, one after another.
    var text: [UInt8] = []
    var documents: [Document] = []
    /// Decoded events, by document; kept from batch to batch so decoding reuses their buffers.
    var events: [Event] = []
    var outcomes: [Outcome] = []
    /// The rules the batch's events matched and what was prepared of them, one event after another: kept from batch
    /// to batch, so that matching allocates no array per event (on a worker thread, for the engine's thread to free).
    var matches: [RuleMatch] = []
    var prepared: [PreparedMatch] = []
    /// By document, what the engine's reorder buffer would keep of the event (matched events, with a window).
    var heldTexts: [HeldEventText?] = []
    /// Signalled when a worker has matched the batch.
    let matched = DispatchSemaphore(value: 0)

    func append(_ document: RawDocument) {
      let start = text.count
      text.append(contentsOf: document.bytes)
      documents.append(
        Document(
          range: start..<text.count, path: document.path, line: document.line, index: document.index,
          id: document.id))
    }

    func reset() {
      text.removeAll(keepingCapacity: true)
      documents.removeAll(keepingCapacity: true)
      outcomes.removeAll(keepingCapacity: true)
      heldTexts.removeAll(keepingCapacity: true)
      matches.removeAll(keepingCapacity: true)
      prepared.removeAll(keepingCapacity: true)
    }
  }

  /// One thread's decoder, matcher and preparer.
  final class Worker: @unchecked Sendable {
    let decoder: EventDecoder
    var matcher: RuleMatcher
    var preparer: MatchPreparer
    var matched: [RuleMatch] = []
    var prepared: [PreparedMatch] = []
    /// Makes the held text of matched events when the engine holds events for time order, `nil` otherwise: copying
    /// the text and picking the fields here, while the event is in this thread's cache, takes that work off the
    /// engine's thread.
    var heldTexts: HeldEventTextMaker?
    let ruleSet: CompiledRuleSet
    let defaultIndex: String?

    init(engine: ScanEngine) {
      decoder = EventDecoder(catalog: engine.ruleSet.catalog)
      matcher = RuleMatcher(ruleSet: engine.ruleSet)
      preparer = MatchPreparer(ruleSet: engine.ruleSet)
      heldTexts = engine.reorderWindowSeconds > 0 ? HeldEventTextMaker(ruleSet: engine.ruleSet) : nil
      ruleSet = engine.ruleSet
      defaultIndex = engine.defaultIndex
    }

    func match(_ batch: Batch) {
      while batch.events.count < batch.documents.count { batch.events.append(Event()) }
      batch.text.withUnsafeBytes { text in
        for position in batch.documents.indices {
          let document = batch.documents[position]
          do {
            try decoder.decode(UnsafeRawBufferPointer(rebasing: text[document.range]), into: &batch.events[position])
          } catch {
            batch.outcomes.append(.bad((error as? DecodeError)?.description ?? "\(error)"))
            batch.heldTexts.append(nil)
            continue
          }
          batch.events[position].index = document.index
          batch.events[position].documentID = document.id
          let index = matcher.index(of: batch.events[position], fallback: defaultIndex)
          let before = matcher.evaluations
          matcher.matches(batch.events[position], index: index, into: &matched)
          preparer.prepare(batch.events[position], index: index, matched: matched, into: &prepared)
          batch.heldTexts.append(
            matched.isEmpty || batch.events[position].timestamp == nil
              ? nil : heldTexts?.make(batch.events[position], matched: matched[...]))
          let matchesStart = batch.matches.count
          batch.matches.append(contentsOf: matched)
          let preparedStart = batch.prepared.count
          batch.prepared.append(contentsOf: prepared)
          batch.outcomes.append(
            .matched(
              index: index, matches: matchesStart..<batch.matches.count, prepared: preparedStart..<batch.prepared.count,
              evaluations: matcher.evaluations - before))
        }
      }
    }
  }
}

/// Hands values to another thread where the scan's structure, not the type system, rules out sharing: each
/// worker and batch is used by one thread at a time.
private struct UnsafeTransfer<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
