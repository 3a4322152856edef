import VigilEvents

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Streams events out of sources: NDJSON (blank lines and CRLF endings allowed), a JSON array of documents, an
/// Elasticsearch `_search` response (`hits.hits[]._source`, keeping `_index` and `_id`), or pretty-printed documents
/// one after another, each plain or gzip.
///
/// Input is read into one buffer (of ``chunkSize`` by default) that grows only to the longest document, so memory does
/// not grow with the size of the input; NDJSON lines are decoded in place, without copying. A document that cannot
/// be decoded is reported through ``reporter`` and skipped; a source that cannot be read is reported and the next
/// one is read. In strict mode the first problem throws an ``InputError``.
public final class EventReader {
  /// The size of each read.
  public static let chunkSize = 1 << 20
  /// The longest document accepted.
  public static let maximumDocumentSize = 1 << 30

  /// The decoder of every document.
  public let decoder: EventDecoder
  /// Where problems go: set it before reading (strictness, limit) and read it after (counts,
  /// ``BadInputReporter/summary``).
  public var reporter: BadInputReporter
  /// Events decoded so far.
  public private(set) var eventCount = 0
  /// Bytes read so far (after decompression).
  public private(set) var byteCount = 0

  var buffer: UnsafeMutableRawBufferPointer
  /// Bytes before `start` are consumed; `end` is the end of the data read.
  var start = 0
  var end = 0
  /// A position ahead of `start` kept valid across refills.
  var cursor = 0
  var atEOF = false
  var stream: ByteStream?
  var event = Event()
  var path = ""
  /// The line of `start`, for array and `_search` input.
  var line = 1
  /// Set while ``readDocuments(_:_:)`` runs: documents go to it undecoded.
  var rawBody: ((RawDocument) throws -> Void)?

  /// A reader decoding with `decoder`; `bufferSize` is its buffer's first size (the most read at once while no
  /// document is longer), ``chunkSize`` unless many readers run at once.
  public init(decoder: EventDecoder, reporter: BadInputReporter = BadInputReporter(), bufferSize: Int = chunkSize) {
    self.decoder = decoder
    self.reporter = reporter
    buffer = .allocate(byteCount: max(bufferSize, 1 << 12), alignment: 64)
  }

  deinit { buffer.deallocate() }

  /// Reads every event of `sources` in order, calling `body` with each.
  ///
  /// The event passed to `body` is reused for the next document: copy it (it is a value) to keep it. Throws what
  /// `body` throws, and ``InputError`` for the first problem in strict mode.
  public func read(_ sources: [EventSource], _ body: (Event) throws -> Void) throws {
    for source in sources { try read(source, body) }
  }

  /// Reads every document of `sources` in order without decoding it, calling `body` with its bytes and where it
  /// came from: for callers that decode elsewhere (a parallel scan). Sources that cannot be read are reported as
  /// by ``read(_:_:)``; bad documents are the caller's to report, since only decoding finds them.
  public func readDocuments(_ sources: [EventSource], _ body: (RawDocument) throws -> Void) throws {
    try withoutActuallyEscaping(body) { body in
      rawBody = body
      defer { rawBody = nil }
      for source in sources { try read(source) { _ in } }
    }
  }

  /// Reads every event of `source`, calling `body` with each.
  public func read(_ source: EventSource, _ body: (Event) throws -> Void) throws {
    path = source.description
    start = 0
    end = 0
    cursor = 0
    atEOF = false
    line = 1
    defer { stream = nil }
    do {
      stream = try ByteStream(source)
      try readStream(body)
    } catch let failure as StreamFailure {
      try reporter.failedSource(path: path, line: failure.line, message: failure.message)
    } catch let error as InputError where stream == nil {
      try reporter.failedSource(path: path, message: error.message)
    }
  }

  private func readStream(_ body: (Event) throws -> Void) throws {
    // Skip leading whitespace and a UTF-8 byte order mark, then look at the first byte.
    cursor = start
    while true {
      guard try available(cursor) else { return }
      let byte = buffer[cursor]
      if JSONFraming.isSpace(byte) {
        cursor += 1
      } else if byte == 0xEF, try available(cursor + 2), buffer[cursor + 1] == 0xBB, buffer[cursor + 2] == 0xBF {
        cursor += 3
        start = cursor
      } else {
        break
      }
    }
    if buffer[cursor] == UInt8(ascii: "[") {
      try consume(to: cursor + 1)
      try readArray(body, hits: false)
    } else if buffer[cursor] == UInt8(ascii: "{") {
      switch try layout() {
      case .searchResponse: try readSearchResponse(body)
      case .lines: try readLines(body)
      case .multiLineDocuments: try readMultiLineDocuments(body)
      }
    } else {
      try readLines(body)
    }
  }

  /// NDJSON: one document per line.
  private func readLines(_ body: (Event) throws -> Void) throws {
    var scan = start
    var lineNumber = 0
    while true {
      let found = memchr(buffer.baseAddress! + scan, 0x0A, end - scan)
      if let found {
        let newline = buffer.baseAddress!.distance(to: found)
        lineNumber += 1
        try document(start, newline, line: lineNumber, body)
        start = newline + 1
        scan = start
      } else if atEOF {
        if start < end {
          lineNumber += 1
          try document(start, end, line: lineNumber, body)
        }
        start = end
        return
      } else {
        scan = end - start
        try refill()
      }
    }
  }

  /// Decodes `buffer[from..<to]` (a CR before `to` is dropped; blank text is skipped) and hands the event on.
  func document(
    _ from: Int, _ to: Int, line: Int, _ body: (Event) throws -> Void, index: String? = nil,
    id: String? = nil
  ) throws {
    var to = to
    if to > from && buffer[to - 1] == 0x0D { to -= 1 }
    var first = from
    while first < to && JSONFraming.isSpace(buffer[first]) { first += 1 }
    guard first < to else { return }
    let bytes = UnsafeRawBufferPointer(rebasing: buffer[from..<to])
    if let rawBody {
      try rawBody(RawDocument(bytes: bytes, path: path, line: line, index: index, id: id))
      return
    }
    try decode(bytes, path: path, line: line, index: index, id: id, body)
  }

  /// Decodes a document read elsewhere (by ``readDocuments(_:_:)``, say) and hands the event to `body`, as reading
  /// it here would: a document that does not decode is reported and skipped.
  public func decode(_ document: RawDocument, _ body: (Event) throws -> Void) throws {
    try decode(
      document.bytes, path: document.path, line: document.line, index: document.index, id: document.id, body)
  }

  private func decode(
    _ bytes: UnsafeRawBufferPointer, path: String, line: Int, index: String?, id: String?,
    _ body: (Event) throws -> Void
  ) throws {
    do {
      try decoder.decode(bytes, into: &event)
    } catch {
      try reporter.badDocument(path: path, line: line, message: error.description)
      return
    }
    event.index = index
    event.documentID = id
    eventCount += 1
    try event.lend(body)
  }

  /// Whether `buffer[position]` can be read, reading more when needed; `false` at the end of the source.
  func available(_ position: Int) throws -> Bool {
    var position = position
    while position >= end {
      guard !atEOF else { return false }
      let shift = start
      try refill()
      position -= shift
    }
    return true
  }

  /// Moves the unconsumed bytes to the front, grows the buffer when it is full, and reads more; positions
  /// (`cursor`) move with the bytes.
  func refill() throws {
    if start > 0 {
      (buffer.baseAddress!).copyMemory(from: buffer.baseAddress! + start, byteCount: end - start)
      cursor -= start
      end -= start
      start = 0
    }
    if end == buffer.count {
      guard buffer.count < Self.maximumDocumentSize else {
        throw StreamFailure(message: "a document longer than \(Self.maximumDocumentSize >> 20) MiB")
      }
      let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 64)
      grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
      buffer.deallocate()
      buffer = grown
    }
    guard let stream else { return }
    let count: Int
    do {
      count = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
    } catch {
      throw StreamFailure(message: error.message)
    }
    if count == 0 { atEOF = true }
    end += count
    byteCount += count
  }

  /// Consumes the bytes up to `position`, counting their lines.
  func consume(to position: Int) throws {
    var from = start
    while from < position, let found = memchr(buffer.baseAddress! + from, 0x0A, position - from) {
      line += 1
      from = buffer.baseAddress!.distance(to: found) + 1
    }
    start = position
    cursor = position
  }
}
