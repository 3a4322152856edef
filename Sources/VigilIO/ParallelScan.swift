import Dispatch
import VigilEngine
import VigilEvents

/// A stream-mode scan on several threads whose results are those of ``ScanEngine/process(_:emit:)`` called on one
/// event at a time.
///
/// Documents are read in batches. A round of batches, one per thread, is decoded, routed and matched against every
/// rule's predicate in parallel (the stateless half, see ``RuleMatcher``); the engine then runs the stateful
/// executors over the round's events in input order on the calling thread, while the next round is matched.
public final class ParallelScan {
  public let engine: ScanEngine
  public let threads: Int
  /// Problems met: set it before ``run(_:emit:)``, read it after.
  public var reporter: BadInputReporter
  /// Bytes read (after decompression).
  public private(set) var byteCount = 0
  /// Documents per batch: large enough to amortise the hand-over, small enough to keep memory flat.
  static let batchSize = 512

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
    // Two sets of batches take turns: one is matched while the engine works through the other.
    let sets = (0..<2).map { _ in (0..<threads).map { _ in Batch() } }
    var current = 0
    var filled = 0
    var inFlight: (group: DispatchGroup, set: Int, count: Int)?

    func finish(_ set: Int, count: Int) throws {
      for batch in sets[set].prefix(count) {
        for (position, outcome) in batch.outcomes.enumerated() {
          switch outcome {
          case .bad(let message):
            let document = batch.documents[position]
            try reader.reporter.badDocument(path: document.path, line: document.line, message: message)
          case .matched(let index, let rules, let evaluations):
            try engine.process(
              batch.events[position], index: index, matched: rules, evaluations: evaluations, emit: emit)
          }
        }
        progress()
      }
    }

    func launch(count: Int) throws {
      let previous = inFlight
      previous?.group.wait()
      let group = DispatchGroup()
      let batches = UnsafeTransfer(sets[current])
      let team = UnsafeTransfer(workers)
      DispatchQueue.global().async(group: group) {
        DispatchQueue.concurrentPerform(iterations: count) { index in
          team.value[index].match(batches.value[index])
        }
      }
      inFlight = (group, current, count)
      // The engine works through the previous round while this one is matched; its batches are then refilled.
      if let previous { try finish(previous.set, count: previous.count) }
      current = 1 - current
      filled = 0
      for batch in sets[current] { batch.reset() }
    }

    try reader.readDocuments(sources) { document in
      sets[current][filled].append(document)
      if sets[current][filled].documents.count == Self.batchSize {
        filled += 1
        if filled == threads { try launch(count: threads) }
      }
    }
    if !sets[current][filled].documents.isEmpty { filled += 1 }
    if filled > 0 { try launch(count: filled) }
    if let last = inFlight {
      last.group.wait()
      inFlight = nil
      try finish(last.set, count: last.count)
    }
  }

  /// Documents read, and once matched, their events and the rules they matched.
  final class Batch: @unchecked Sendable {
    enum Outcome {
      case bad(String)
      case matched(index: String?, rules: [RuleMatch], evaluations: Int)
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
    }
  }

  /// One thread's decoder and matcher.
  final class Worker: @unchecked Sendable {
    let decoder: EventDecoder
    var matcher: RuleMatcher
    let ruleSet: CompiledRuleSet
    let defaultIndex: String?

    init(engine: ScanEngine) {
      decoder = EventDecoder(catalog: engine.ruleSet.catalog)
      matcher = RuleMatcher(ruleSet: engine.ruleSet)
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
            continue
          }
          batch.events[position].index = document.index
          batch.events[position].documentID = document.id
          let index = matcher.index(of: batch.events[position], fallback: defaultIndex)
          let before = matcher.evaluations
          let rules = matcher.matches(batch.events[position], index: index)
          batch.outcomes.append(.matched(index: index, rules: rules, evaluations: matcher.evaluations - before))
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
