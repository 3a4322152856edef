/// The hand-written JSON scanner behind ``EventDecoder``: one pass over a document's bytes, recording the values of
/// wanted paths into an ``Event`` and skipping the rest.
struct DocumentScanner {
  let p: UnsafePointer<UInt8>
  let n: Int
  var i = 0
  let trie: KeyTrie
  /// The trie's storage; refreshed after an insertion.
  var view: KeyTrie.View
  let allFields: Bool
  var event = Event()
  /// Last slot of each field recorded in this document, by field index; read only for fields whose head this
  /// document set, so it is never reset (the decoder keeps it from document to document; events do not carry it).
  var tails: [Int32] = []
  /// Scratch for keys that contain escapes.
  var keyScratch: [UInt8] = []

  init(base: UnsafePointer<UInt8>, count: Int, trie: KeyTrie, allFields: Bool) {
    p = base
    n = count
    self.trie = trie
    view = trie.view
    self.allFields = allFields
  }

  // MARK: Structure

  mutating func document() throws(DecodeError) {
    skipSpace()
    guard i < n else { throw DecodeError(.empty, at: i) }
    guard p[i] == .openBrace else { throw DecodeError(.notAnObject, at: i) }
    try object(0, depth: 1)
    skipSpace()
    guard i == n else { throw DecodeError(.trailingData, at: i) }
  }

  /// An object whose keys extend the path of `node`; `p[i]` is `{`.
  mutating func object(_ node: Int32, depth: Int) throws(DecodeError) {
    guard depth <= EventDecoder.maximumDepth else { throw DecodeError(.tooDeep, at: i) }
    i += 1
    skipSpace()
    guard i < n else { throw DecodeError(.unexpectedEnd, at: i) }
    if p[i] == .closeBrace {
      i += 1
      return
    }
    var previous: Int32 = -1
    while true {
      guard i < n, p[i] == .quote else { throw DecodeError(i < n ? .expectedKey : .unexpectedEnd, at: i) }
      let target = try key(node, after: previous)
      previous = target
      skipSpace()
      guard i < n, p[i] == .colon else { throw DecodeError(i < n ? .expectedColon : .unexpectedEnd, at: i) }
      i += 1
      skipSpace()
      if target < 0 || view.nodes[Int(target)].field == KeyTrie.skipped {
        try skipValue()
      } else {
        try value(target, depth: depth)
      }
      skipSpace()
      guard i < n else { throw DecodeError(.unexpectedEnd, at: i) }
      let byte = p[i]
      i += 1
      if byte == .comma {
        skipSpace()
        continue
      }
      if byte == .closeBrace { return }
      throw DecodeError(.expectedCommaOrEnd, at: i - 1)
    }
  }

  /// A value at the path of `node`.
  mutating func value(_ node: Int32, depth: Int) throws(DecodeError) {
    guard i < n else { throw DecodeError(.unexpectedEnd, at: i) }
    switch p[i] {
    case .openBrace:
      if allFields || view.nodes[Int(node)].childCount > 0 {
        let start = i
        try object(node, depth: depth + 1)
        // A wanted field that is an object with wanted fields below it (the path of a nested query) keeps its text.
        if !allFields, fieldIndex(node) >= 0 {
          record(node, Slot(kind: .object, field: 0, payload: Int64(start), count: Int32(i - start)))
        }
      } else {
        let start = i
        try skipValue()
        record(node, Slot(kind: .object, field: 0, payload: Int64(start), count: Int32(i - start)))
      }
    case .openBracket:
      try array(node, depth: depth + 1)
    case .quote:
      if allFields || view.nodes[Int(node)].field >= 0 {
        try string(node)
      } else {
        try skipString()
      }
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let slot = try number()
      record(node, slot)
    case UInt8(ascii: "t"):
      try literal(0x7472_7565, 4)
      record(node, Slot(kind: .trueValue, field: 0))
    case UInt8(ascii: "f"):
      try literal5False()
      record(node, Slot(kind: .falseValue, field: 0))
    case UInt8(ascii: "n"):
      try literal(0x6E75_6C6C, 4)
      record(node, Slot(kind: .null, field: 0))
    default:
      throw DecodeError(.unexpectedByte(p[i]), at: i)
    }
  }

  /// An array at the path of `node`: its elements become values of the same path; `p[i]` is `[`.
  mutating func array(_ node: Int32, depth: Int) throws(DecodeError) {
    guard depth <= EventDecoder.maximumDepth else { throw DecodeError(.tooDeep, at: i) }
    i += 1
    skipSpace()
    guard i < n else { throw DecodeError(.unexpectedEnd, at: i) }
    if p[i] == .closeBracket {
      i += 1
      markPresent(node)
      return
    }
    while true {
      try value(node, depth: depth)
      skipSpace()
      guard i < n else { throw DecodeError(.unexpectedEnd, at: i) }
      let byte = p[i]
      i += 1
      if byte == .comma {
        skipSpace()
        continue
      }
      if byte == .closeBracket { return }
      throw DecodeError(.expectedCommaOrEnd, at: i - 1)
    }
  }

  // MARK: Keys

  /// Reads the key at `p[i]` (a `"`) and returns the node of `parent` + its dotted segments, or -1 when no wanted
  /// path starts so. Documents of one source share their shape, so the key that followed `previous` (a child of
  /// `parent`, or -1 for the first key) last time is tried first, before hashing.
  @inline(__always)
  mutating func key(_ parent: Int32, after previous: Int32) throws(DecodeError) -> Int32 {
    let start = i + 1
    let escaped = try findStringEnd()
    let end = i
    i += 1
    if !escaped {
      let count = end - start
      let guess = previous >= 0 ? view.nodes[Int(previous)].nextGuess : view.nodes[Int(parent)].firstGuess
      if guess >= 0 {
        let node = view.nodes[Int(guess)]
        if node.parent == parent && Int(node.count) == count
          && memoryEqual(view.arena + Int(node.start), p + start, count)
        {
          return guess
        }
      }
      let found = resolve(parent, p + start, count)
      if found >= 0 && view.nodes[Int(found)].parent == parent {
        if previous >= 0 {
          view.nodes[Int(previous)].nextGuess = found
        } else {
          view.nodes[Int(parent)].firstGuess = found
        }
      }
      return found
    }
    keyScratch.removeAll(keepingCapacity: true)
    try JSONStringBytes.unescape(p, start, end, into: &keyScratch)
    let key = keyScratch
    return key.withUnsafeBufferPointer { resolve(parent, $0.baseAddress ?? p, $0.count) }
  }

  /// Walks the dotted segments of a key from `parent`.
  @inline(__always)
  mutating func resolve(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    var node = parent
    var segment = 0
    var k = 0
    while k < count {
      if key[k] == .dot {
        node = child(node, key + segment, k - segment)
        if node < 0 || view.nodes[Int(node)].field == KeyTrie.skipped { return node }
        segment = k + 1
      }
      k += 1
    }
    return child(node, key + segment, count - segment)
  }

  /// The child node of `parent` for one segment; a new node when decoding every field, else -1 when unknown.
  @inline(__always)
  mutating func child(_ parent: Int32, _ key: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let (node, slot) = view.find(parent, key, count)
    if node >= 0 { return node }
    if allFields {
      let inserted = trie.insert(parent, key, count, at: slot)
      view = trie.view
      return inserted
    }
    // Remember an unwanted key as a skipped node, so that the next document predicts it too.
    guard trie.nodeCount < KeyTrie.maximumSkippedNodes else { return -1 }
    let inserted = trie.insert(parent, key, count, at: slot, skipped: true)
    view = trie.view
    return inserted
  }

  // MARK: Recording

  /// The field recorded at `node`, or -1 when the node is only a prefix.
  @inline(__always)
  mutating func fieldIndex(_ node: Int32) -> Int {
    let known = Int(view.nodes[Int(node)].field)
    if known >= 0 || !allFields { return known }
    let field = Int(trie.internField(node))
    if field >= event.heads.count {
      event.heads.append(contentsOf: repeatElement(-1, count: field + 1 - event.heads.count))
    }
    // Apart: an event reused from a decoder with a larger catalog has heads this decoder's tails lack.
    if field >= tails.count { tails.append(contentsOf: repeatElement(-1, count: field + 1 - tails.count)) }
    return field
  }

  @inline(__always)
  mutating func record(_ node: Int32, _ slot: Slot) {
    let field = fieldIndex(node)
    guard field >= 0 else { return }
    var slot = slot
    slot.field = UInt32(field)
    let index = Int32(event.slots.count)
    event.slots.append(slot)
    let head = event.heads[field]
    if head >= 0 {
      event.slots[Int(tails[field])].next = index
    } else {
      if head == -1 { event.present.append(FieldID(rawValue: UInt32(field))) }
      event.heads[field] = index
    }
    tails[field] = index
  }

  mutating func markPresent(_ node: Int32) {
    let field = fieldIndex(node)
    guard field >= 0, event.heads[field] == -1 else { return }
    event.heads[field] = -2
    event.present.append(FieldID(rawValue: UInt32(field)))
  }

  // MARK: Scalars

  /// A string value at `node`; `p[i]` is `"`.
  mutating func string(_ node: Int32) throws(DecodeError) {
    let start = i + 1
    let escaped = try findStringEnd()
    let end = i
    i += 1
    if !escaped {
      record(node, Slot(kind: .string, field: 0, payload: Int64(start), count: Int32(end - start)))
      return
    }
    let from = event.unescaped.count
    try JSONStringBytes.unescape(p, start, end, into: &event.unescaped)
    let slot = Slot(kind: .unescapedString, field: 0, payload: Int64(from), count: Int32(event.unescaped.count - from))
    record(node, slot)
  }

  @inline(__always)
  mutating func literal(_ word: UInt32, _ length: Int) throws(DecodeError) {
    guard i + length <= n else { throw DecodeError(.invalidLiteral, at: i) }
    let found = UInt32(p[i]) << 24 | UInt32(p[i + 1]) << 16 | UInt32(p[i + 2]) << 8 | UInt32(p[i + 3])
    guard found == word else { throw DecodeError(.invalidLiteral, at: i) }
    i += length
    try expectDelimiter(.invalidLiteral)
  }

  mutating func literal5False() throws(DecodeError) {
    guard i + 5 <= n, p[i + 4] == UInt8(ascii: "e") else { throw DecodeError(.invalidLiteral, at: i) }
    let found = UInt32(p[i]) << 24 | UInt32(p[i + 1]) << 16 | UInt32(p[i + 2]) << 8 | UInt32(p[i + 3])
    guard found == 0x6661_6C73 else { throw DecodeError(.invalidLiteral, at: i) }
    i += 5
    try expectDelimiter(.invalidLiteral)
  }

  /// After a number or literal, the next byte must end it.
  @inline(__always)
  func expectDelimiter(_ kind: DecodeError.Kind) throws(DecodeError) {
    guard i < n else { return }
    switch p[i] {
    case .comma, .closeBrace, .closeBracket, .space, .tab, .newline, .carriageReturn: return
    default: throw DecodeError(kind, at: i)
    }
  }

  @inline(__always)
  mutating func skipSpace() {
    while i < n {
      let byte = p[i]
      guard byte == .space || byte == .newline || byte == .carriageReturn || byte == .tab else { return }
      i += 1
    }
  }
}
