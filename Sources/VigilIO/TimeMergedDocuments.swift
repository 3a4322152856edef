import Foundation
import VigilEvents

/// The documents of several files in `@timestamp` order: each file is read on a thread of its own, and the document
/// with the earliest time among the files' next ones goes first (ties in the order the files were given).
///
/// Exports are often split by data stream or host (`logs-endpoint.events.process-*.ndjson`,
/// `logs-endpoint.events.network-*.ndjson`), each file in time order but all of them covering the same hours. Read one
/// after another, every file after the first came later than the reorder window: its events ran out of time order,
/// and a sequence whose steps were in two files, or a window that needed both, was missed. Merged, files that are
/// each in time order give events in time order.
///
/// A document's time is its first `@timestamp` value (``DocumentTime``); one without a time takes that of the document
/// before it in its file, so that it keeps its place there.
final class TimeMergedDocuments {
  /// The most files merged: each has a thread and a queue of documents. Beyond it, files are read one after another.
  static let maximumSources = 32
  /// Chunks of documents each file's thread may read ahead.
  static let queuedChunks = 2

  private let feeds: [Feed]

  /// Whether `sources` are merged rather than read one after another: several files (standard input is read as it
  /// comes), at most ``maximumSources``.
  static func merges(_ sources: [EventSource]) -> Bool {
    sources.count > 1 && sources.count <= maximumSources && sources.allSatisfy { $0 != .standardInput }
  }

  /// Starts reading every source of `sources` on a thread of its own.
  init(_ sources: [EventSource]) {
    feeds = sources.map(Feed.init)
    for feed in feeds {
      let thread = Thread { feed.run() }
      thread.name = "vigil-read"
      thread.start()
    }
  }

  deinit {
    for feed in feeds { feed.cancel() }
  }

  /// Bytes read so far from every source (after decompression).
  var byteCount: Int { feeds.reduce(0) { $0 + $1.byteCount } }

  /// Calls `body` with every document of every source, in time order, and `failed` with what the reader of a source
  /// that could not be read (wholly or partly) reported, where that source's documents end, as reading it alone
  /// would have.
  func forEach(_ body: (RawDocument) throws -> Void, failed: (BadInputReporter) throws -> Void) throws {
    for feed in feeds { try feed.load(failed: failed) }
    while true {
      // The earliest next document; a tie goes to the file given first.
      var earliest: Feed?
      for feed in feeds {
        guard let time = feed.nextTime else { continue }
        if let chosen = earliest, chosen.nextTime! <= time { continue }
        earliest = feed
      }
      guard let earliest else { return }
      try earliest.withNext(body)
      try earliest.advance(failed: failed)
    }
  }

  /// Documents read ahead by a source's thread, in one buffer, handed over together: a hand-over per document cost
  /// more than reading it.
  struct Chunk {
    struct Entry {
      var range: Range<Int>
      var line: Int
      var index: String?
      var id: String?
      var time: Int64
    }

    /// The documents' text, one after another.
    var bytes: [UInt8] = []
    var entries: [Entry] = []
    /// What the source's reader reported when it failed, after these documents (nothing printed).
    var failure: BadInputReporter?

    /// The most documents, and bytes, a chunk holds.
    static let maximumEntries = 32
    static let maximumBytes = 1 << 16

    var isFull: Bool { entries.count >= Self.maximumEntries || bytes.count >= Self.maximumBytes }
  }

  /// One source: its reading thread fills a bounded queue of chunks; the merging thread reads them in turn.
  final class Feed: @unchecked Sendable {
    private let source: EventSource
    private let condition = NSCondition()
    private var queue: [Chunk] = []
    private var finished = false
    private var cancelled = false
    private var bytesRead = 0
    /// The merging thread's chunk and its next entry.
    private var chunk = Chunk()
    private var position = 0

    init(_ source: EventSource) { self.source = source }

    var byteCount: Int {
      condition.lock()
      defer { condition.unlock() }
      return bytesRead
    }

    /// Asks the reading thread to stop (the scan ended or failed first).
    func cancel() {
      condition.lock()
      cancelled = true
      condition.broadcast()
      condition.unlock()
    }

    /// The time of the next document; `nil` at the end of the source.
    var nextTime: Int64? { position < chunk.entries.count ? chunk.entries[position].time : nil }

    /// Calls `body` with the next document.
    func withNext(_ body: (RawDocument) throws -> Void) throws {
      let entry = chunk.entries[position]
      try chunk.bytes.withUnsafeBytes { bytes in
        try body(
          RawDocument(
            bytes: UnsafeRawBufferPointer(rebasing: bytes[entry.range]), path: source.description, line: entry.line,
            index: entry.index, id: entry.id))
      }
    }

    /// Moves to the next document, waiting for the reading thread when the chunk is done.
    func advance(failed: (BadInputReporter) throws -> Void) throws {
      position += 1
      if position == chunk.entries.count { try load(failed: failed) }
    }

    /// Takes the next chunk with documents, passing a failure met on the way to `failed`; none at the end.
    func load(failed: (BadInputReporter) throws -> Void) throws {
      while true {
        if let failure = chunk.failure {
          chunk.failure = nil
          try failed(failure)
        }
        position = 0
        chunk = Chunk()
        condition.lock()
        while queue.isEmpty, !finished { condition.wait() }
        if !queue.isEmpty {
          chunk = queue.removeFirst()
          condition.broadcast()
        }
        let done = chunk.entries.isEmpty && chunk.failure == nil && finished
        condition.unlock()
        if !chunk.entries.isEmpty || done { return }
      }
    }

    /// Queues `chunk`, waiting while the queue is full; `false` when the merge was cancelled meanwhile.
    private func put(_ chunk: Chunk, bytesRead: Int) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      while queue.count >= TimeMergedDocuments.queuedChunks, !cancelled { condition.wait() }
      guard !cancelled else { return false }
      queue.append(chunk)
      self.bytesRead = bytesRead
      condition.broadcast()
      return true
    }

    /// Reads the source to its end (or until cancelled).
    func run() {
      struct Cancelled: Error {}
      // An eighth of a single reader's buffer: up to 32 of them read at once.
      let reader = EventReader(
        decoder: EventDecoder(fields: []), reporter: BadInputReporter(printsToStandardError: false),
        bufferSize: EventReader.chunkSize / 8)
      var event = Event()
      var latest = Int64.min
      var filling = Chunk()
      do {
        try reader.readDocuments([source]) { raw in
          latest = DocumentTime.time(of: raw.bytes, decoder: reader.decoder, &event) ?? latest
          let start = filling.bytes.count
          filling.bytes.append(contentsOf: raw.bytes)
          filling.entries.append(
            Chunk.Entry(
              range: start..<filling.bytes.count, line: raw.line, index: raw.index, id: raw.id, time: latest))
          guard filling.isFull else { return }
          guard put(filling, bytesRead: reader.byteCount) else { throw Cancelled() }
          filling = Chunk()
        }
        if reader.reporter.failedSources > 0 { filling.failure = reader.reporter }
        if !filling.entries.isEmpty || filling.failure != nil { _ = put(filling, bytesRead: reader.byteCount) }
      } catch {}
      condition.lock()
      bytesRead = reader.byteCount
      finished = true
      condition.broadcast()
      condition.unlock()
    }
  }
}
