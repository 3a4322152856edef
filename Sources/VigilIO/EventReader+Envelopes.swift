import VigilEvents

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension EventReader {
  /// The elements of a JSON array after its `[`: documents, or `_search` hits.
  func readArray(_ body: (Event) throws -> Void, hits: Bool) throws {
    var first = true
    while true {
      try skipSpace()
      guard try available(start) else {
        throw StreamFailure(message: "the file ends inside the JSON array", line: line)
      }
      if buffer[start] == UInt8(ascii: "]") {
        try consume(to: start + 1)
        return
      }
      if !first {
        guard buffer[start] == UInt8(ascii: ",") else {
          throw StreamFailure(message: "expected ',' or ']' between array elements", line: line)
        }
        try consume(to: start + 1)
        try skipSpace()
      }
      first = false
      let valueEnd = try frame()
      let elementLine = line
      if buffer[start] != UInt8(ascii: "{") {
        try reporter.badDocument(path: path, line: elementLine, message: "expected a JSON object")
      } else if hits {
        try hit(start, valueEnd, line: elementLine, body)
      } else {
        try document(start, valueEnd, line: elementLine, body)
      }
      try consume(to: valueEnd)
    }
  }

  /// Frames the value at `start`, reading until it is complete; returns its end.
  func frame() throws -> Int {
    while true {
      switch JSONFraming.valueEnd(
        buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), from: start, end: end,
        atEOF: atEOF)
      {
      case .complete(let valueEnd): return valueEnd
      case .malformed(let offset):
        try consume(to: offset)
        throw StreamFailure(message: "malformed JSON; cannot find the next document", line: line)
      case .incomplete:
        guard !atEOF else { throw StreamFailure(message: "the file ends inside a document", line: line) }
        try refill()
      }
    }
  }

  func skipSpace() throws {
    while try available(start), JSONFraming.isSpace(buffer[start]) { try consume(to: start + 1) }
  }

  /// What the first object of a source says about its layout.
  enum Layout {
    /// An Elasticsearch `_search` response; `cursor` is on the `hits` object.
    case searchResponse
    /// One document per line.
    case lines
    /// Documents spread over lines (pretty-printed), one after another.
    case multiLineDocuments
  }

  /// Looks at the top-level keys of the object at `cursor`, without consuming: a `hits` key whose value is an
  /// object makes a `_search` response; an object that closes on a later line than it opens makes pretty-printed
  /// documents; anything else (including malformed input, reported line by line later) is NDJSON.
  func layout() throws -> Layout {
    var offset = cursor - start  // of the `{`, which refills may move
    cursor += 1
    while true {
      try skipSpaceAtCursor()
      guard try available(cursor) else { return .lines }
      if buffer[cursor] == UInt8(ascii: "}") {
        offset = min(offset, cursor - start)
        let spansLines = memchr(buffer.baseAddress! + start + offset, 0x0A, cursor - start - offset) != nil
        return spansLines ? .multiLineDocuments : .lines
      }
      guard buffer[cursor] == UInt8(ascii: "\"") else { return .lines }
      let key = try frameAtCursor()
      let isHits = key - cursor == 6 && memcmp(buffer.baseAddress! + cursor, "\"hits\"", 6) == 0
      cursor = key
      try skipSpaceAtCursor()
      guard try available(cursor), buffer[cursor] == UInt8(ascii: ":") else { return .lines }
      cursor += 1
      try skipSpaceAtCursor()
      guard try available(cursor) else { return .lines }
      if isHits && buffer[cursor] == UInt8(ascii: "{") { return .searchResponse }
      cursor = try frameAtCursor()
      try skipSpaceAtCursor()
      guard try available(cursor) else { return .lines }
      if buffer[cursor] == UInt8(ascii: ",") { cursor += 1 }
    }
  }

  /// Documents one after another, each possibly over several lines.
  func readMultiLineDocuments(_ body: (Event) throws -> Void) throws {
    while true {
      try skipSpace()
      guard try available(start) else { return }
      let documentLine = line
      let valueEnd = try frame()
      if buffer[start] == UInt8(ascii: "{") {
        try document(start, valueEnd, line: documentLine, body)
      } else {
        try reporter.badDocument(path: path, line: documentLine, message: "expected a JSON object")
      }
      try consume(to: valueEnd)
    }
  }

  /// Reads the hits of a `_search` response, after ``layout()`` left `cursor` on the `hits` object.
  func readSearchResponse(_ body: (Event) throws -> Void) throws {
    try consume(to: cursor + 1)
    while true {
      try skipSpace()
      guard try available(start) else { throw StreamFailure(message: "the file ends inside the response", line: line) }
      if buffer[start] == UInt8(ascii: "}") {
        throw StreamFailure(message: "the top-level `hits` object has no `hits` array of documents", line: line)
      }
      if buffer[start] == UInt8(ascii: ",") {
        try consume(to: start + 1)
        continue
      }
      guard buffer[start] == UInt8(ascii: "\"") else {
        throw StreamFailure(message: "malformed _search response", line: line)
      }
      let keyEnd = try frame()
      let isHits = keyEnd - start == 6 && memcmp(buffer.baseAddress! + start, "\"hits\"", 6) == 0
      try consume(to: keyEnd)
      try skipSpace()
      guard try available(start), buffer[start] == UInt8(ascii: ":") else {
        throw StreamFailure(message: "malformed _search response", line: line)
      }
      try consume(to: start + 1)
      try skipSpace()
      guard try available(start) else { throw StreamFailure(message: "the file ends inside the response", line: line) }
      if isHits && buffer[start] == UInt8(ascii: "[") {
        try consume(to: start + 1)
        try readArray(body, hits: true)
        return
      }
      try consume(to: try frame())
    }
  }

  /// One hit of a `_search` response, complete in `buffer[from..<to]`: decodes `_source`, keeping `_index` and `_id`.
  func hit(_ from: Int, _ to: Int, line: Int, _ body: (Event) throws -> Void) throws {
    let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
    var i = from + 1
    var index: String?
    var id: String?
    var source: Range<Int>?
    func space() { while i < to, JSONFraming.isSpace(p[i]) { i += 1 } }
    while true {
      space()
      guard i < to, p[i] == UInt8(ascii: "\"") else { break }
      guard case .complete(let keyEnd) = JSONFraming.valueEnd(p, from: i, end: to, atEOF: true) else { break }
      let key = String(decoding: UnsafeBufferPointer(start: p + i + 1, count: keyEnd - i - 2), as: UTF8.self)
      i = keyEnd
      space()
      guard i < to, p[i] == UInt8(ascii: ":") else { break }
      i += 1
      space()
      guard case .complete(let valueEnd) = JSONFraming.valueEnd(p, from: i, end: to, atEOF: true) else { break }
      let isString = p[i] == UInt8(ascii: "\"") && valueEnd - i >= 2
      let text =
        isString
        ? String(
          decoding: UnsafeBufferPointer(start: p + i + 1, count: valueEnd - i - 2),
          as: UTF8.self) : nil
      switch key {
      case "_index": index = text
      case "_id": id = text
      case "_source": source = i..<valueEnd
      default: break
      }
      i = valueEnd
      space()
      guard i < to, p[i] == UInt8(ascii: ",") else { break }
      i += 1
    }
    guard let source else {
      try reporter.badDocument(path: path, line: line, message: "a hit without _source")
      return
    }
    try document(source.lowerBound, source.upperBound, line: line, body, index: index, id: id)
  }

  private func skipSpaceAtCursor() throws {
    while try available(cursor), JSONFraming.isSpace(buffer[cursor]) { cursor += 1 }
  }

  /// Frames the value at `cursor` (not consuming); returns its end.
  private func frameAtCursor() throws -> Int {
    while true {
      switch JSONFraming.valueEnd(
        buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), from: cursor, end: end,
        atEOF: atEOF)
      {
      case .complete(let valueEnd): return valueEnd
      case .malformed: return cursor
      case .incomplete:
        guard !atEOF else { return end }
        try refill()
      }
    }
  }
}
