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

  /// Whether the object at `cursor` is an Elasticsearch `_search` response: among its top-level keys is `hits`
  /// whose value is an object. Looks ahead without consuming.
  func isSearchResponse() throws -> Bool {
    cursor += 1
    while true {
      try skipSpaceAtCursor()
      guard try available(cursor), buffer[cursor] == UInt8(ascii: "\"") else { return false }
      let key = try frameAtCursor()
      let isHits = key - cursor == 6 && memcmp(buffer.baseAddress! + cursor, "\"hits\"", 6) == 0
      cursor = key
      try skipSpaceAtCursor()
      guard try available(cursor), buffer[cursor] == UInt8(ascii: ":") else { return false }
      cursor += 1
      try skipSpaceAtCursor()
      guard try available(cursor) else { return false }
      if isHits { return buffer[cursor] == UInt8(ascii: "{") }
      cursor = try frameAtCursor()
      try skipSpaceAtCursor()
      guard try available(cursor), buffer[cursor] == UInt8(ascii: ",") else { return false }
      cursor += 1
    }
  }

  /// Reads the hits of a `_search` response, after ``isSearchResponse()`` left `cursor` on the `hits` object.
  func readSearchResponse(_ body: (Event) throws -> Void) throws {
    try consume(to: cursor + 1)
    while true {
      try skipSpace()
      guard try available(start) else { throw StreamFailure(message: "the file ends inside the response", line: line) }
      if buffer[start] == UInt8(ascii: "}") { return }
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
