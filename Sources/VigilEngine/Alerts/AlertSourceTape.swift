import VigilEvents
import VigilQuery

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A source document's JSON text indexed for an event alert, so that the alert copies the source as text rather than
/// parse it into a tree and write the tree back (most of an alert's cost).
///
/// The index (the tape) has a node per value, in document order, with its text's range and, for objects and arrays,
/// where its members end. The alert tree (``JSONValue/parse(_:)`` then ``JSONValue/write(to:)``) is the reference:
/// what the tape writes is what the tree writes (compact, strings re-escaped, numbers as written, empty objects and
/// arrays dropped as ``AlertBuilder/removingEmptyValues(_:)`` drops them), and what it reads by path is what the
/// tree reads. So it declines (`init` returns `nil`, and the alert takes the tree) what it would not copy exactly:
/// text the tree would not parse, a key that is not plain ASCII or repeats in its object (the tree keeps one), nesting
/// deeper than ``maximumDepth``.
struct AlertSourceTape {
  let text: [UInt8]
  private(set) var nodes: [Node] = []

  struct Node {
    var kind: Kind
    /// A string with escapes, or a container with a member or element that is not empty once cleaned.
    var flag = false
    /// Whether the alert writes the value's text as it is: a string without escapes or with only those the writer
    /// would write again (`\"`, `\\`, `\n`, `\r`, `\t`), a number or literal, a container without whitespace
    /// and with only such values, none of them empty once cleaned.
    var verbatim = true
    /// The value's text; for a string, between its quotes.
    var start: Int32
    var end: Int32
    /// For an object's member, its key (between the quotes); `-1` otherwise.
    var keyStart: Int32 = -1
    var keyEnd: Int32 = -1
    /// For a container, the index of the node after its last descendant.
    var after: Int32 = 0
  }

  enum Kind: UInt8 {
    case object, array, string, number, literal
  }

  /// Deeper nesting is left to the tree, which bounds its own.
  static let maximumDepth = 256

  /// The tape of `text`, or `nil` when the tree must build the alert.
  init?(_ text: [UInt8]) {
    self.text = text
    let valid = text.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return false }
      var reader = Reader(bytes: UnsafeRawBufferPointer(buffer), base: base)
      reader.nodes.reserveCapacity(128)
      reader.keyHashes.reserveCapacity(64)
      guard reader.skipWhitespace(), reader.peek == UInt8(ascii: "{"), reader.value(depth: 0) else { return false }
      _ = reader.skipWhitespace()
      guard reader.offset == buffer.count else { return false }
      nodes = reader.nodes
      return true
    }
    guard valid, UTF8Check.firstInvalid(text, text.count) == nil else { return nil }
  }

  // MARK: Reading the text

  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    let base: UnsafePointer<UInt8>
    var offset = 0
    var nodes: [Node] = []
    /// Fingerprints of the keys of the objects being read, innermost last, to find a repeated key.
    var keyHashes: [UInt64] = []
    /// Of the object being read: where its keys start in `keyHashes`, and a mask of their fingerprints' top bits.
    var keysOfObject: (first: Int, mask: UInt64) = (0, 0)
    /// Where escaped strings are unescaped to check them, reused (Windows paths escape every backslash).
    var unescaped: [UInt8] = []

    var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// How many times ``skipWhitespace()`` skipped some: a container read without any is written as it is.
    var whitespaceRuns = 0

    /// Skips whitespace; `false` at the end of the text.
    @inline(__always)
    mutating func skipWhitespace() -> Bool {
      // Most sources are compact: the next byte is not whitespace.
      guard offset < bytes.count else { return false }
      return bytes[offset] > 0x20 || skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() -> Bool {
      let start = offset
      defer { if offset != start { whitespaceRuns += 1 } }
      while offset < bytes.count {
        switch bytes[offset] {
        case 0x20, 0x09, 0x0A, 0x0D: offset += 1
        default: return true
        }
      }
      return false
    }

    mutating func value(depth: Int) -> Bool {
      guard skipWhitespace(), depth < AlertSourceTape.maximumDepth else { return false }
      switch bytes[offset] {
      case UInt8(ascii: "{"): return container(.object, depth: depth)
      case UInt8(ascii: "["): return container(.array, depth: depth)
      case UInt8(ascii: "\""):
        guard let (start, end, escaped) = string() else { return false }
        nodes.append(
          Node(
            kind: .string, flag: escaped, verbatim: !escaped || writesEscapesAgain(start..<end), start: Int32(start),
            end: Int32(end)))
        return true
      case UInt8(ascii: "t"): return literal("true")
      case UInt8(ascii: "f"): return literal("false")
      case UInt8(ascii: "n"): return literal("null")
      default: return number()
      }
    }

    mutating func literal(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard bytes.count - offset >= count, memcmp(base + offset, word.utf8Start, count) == 0 else { return false }
      nodes.append(Node(kind: .literal, start: Int32(offset), end: Int32(offset + count)))
      offset += count
      return true
    }

    /// A number as the tree takes it: the run of bytes that may be part of one, which `Double` must read.
    mutating func number() -> Bool {
      let start = offset
      while offset < bytes.count, JSONValue.isNumberByte(bytes[offset]) { offset += 1 }
      guard offset > start, isStrictNumber(start..<offset) || Double(text(start..<offset)) != nil else { return false }
      nodes.append(Node(kind: .number, start: Int32(start), end: Int32(offset)))
      return true
    }

    /// Whether the bytes are a number of JSON's grammar, which `Double` reads (saves making the text).
    func isStrictNumber(_ range: Range<Int>) -> Bool {
      var i = range.lowerBound
      func digits() -> Bool {
        let first = i
        while i < range.upperBound, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        return i > first
      }
      if bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() else { return false }
      if i < range.upperBound, bytes[i] == UInt8(ascii: ".") {
        i += 1
        guard digits() else { return false }
      }
      if i < range.upperBound, bytes[i] | 0x20 == UInt8(ascii: "e") {
        i += 1
        if i < range.upperBound, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() else { return false }
      }
      return i == range.upperBound
    }

    func text(_ range: Range<Int>) -> String {
      String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A string at `offset` (its opening quote): the range between its quotes and whether it has escapes; `nil` for
    /// a control character or a malformed escape, as the tree rejects them.
    mutating func string() -> (Int, Int, Bool)? {
      let start = offset + 1
      guard let (close, escaped) = JSONStringBytes.closingQuote(in: bytes, from: start) else { return nil }
      if escaped {
        unescaped.removeAll(keepingCapacity: true)
        do throws(DecodeError) {
          try JSONStringBytes.unescape(base, start, close, into: &unescaped)
        } catch {
          return nil
        }
      }
      offset = close + 1
      return (start, close, escaped)
    }

    /// Whether the escapes of a string's text are those ``JSONWriter`` writes for what they stand for.
    func writesEscapesAgain(_ range: Range<Int>) -> Bool {
      var offset = range.lowerBound
      while offset < range.upperBound {
        if bytes[offset] == UInt8(ascii: "\\") {
          switch bytes[offset + 1] {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            offset += 2
            continue
          default: return false
          }
        }
        offset += 1
      }
      return true
    }

    /// An object or array at `offset`; each member of an object is its value's node with the key's range.
    mutating func container(_ kind: Kind, depth: Int) -> Bool {
      let index = nodes.count
      nodes.append(Node(kind: kind, start: Int32(offset), end: 0))
      offset += 1
      let close = kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
      let keysStart = keyHashes.count
      let outerKeys = keysOfObject
      keysOfObject = (keysStart, 0)
      defer {
        keyHashes.removeLast(keyHashes.count - keysStart)
        keysOfObject = outerKeys
      }
      var survives = false
      let whitespace = whitespaceRuns
      var verbatim = true
      guard skipWhitespace() else { return false }
      if bytes[offset] != close {
        while true {
          var key: (Int, Int)?
          if kind == .object {
            guard skipWhitespace(), bytes[offset] == UInt8(ascii: "\""), let (start, end) = newPlainKey(),
              skipWhitespace(), bytes[offset] == UInt8(ascii: ":")
            else { return false }
            offset += 1
            key = (start, end)
          }
          let member = nodes.count
          guard value(depth: depth + 1) else { return false }
          if let key {
            nodes[member].keyStart = Int32(key.0)
            nodes[member].keyEnd = Int32(key.1)
          }
          survives = survives || AlertSourceTape.survives(nodes[member])
          verbatim = verbatim && nodes[member].verbatim && AlertSourceTape.survives(nodes[member])
          guard skipWhitespace() else { return false }
          if bytes[offset] == UInt8(ascii: ",") {
            offset += 1
          } else if bytes[offset] == close {
            break
          } else {
            return false
          }
        }
      }
      offset += 1
      nodes[index].end = Int32(offset)
      nodes[index].flag = survives
      nodes[index].verbatim = verbatim && whitespaceRuns == whitespace
      nodes[index].after = Int32(nodes.count)
      return true
    }

    /// The key at `offset` (its opening quote), whose range (between the quotes) it returns and skips, when it is
    /// ASCII without escapes or control characters and differs from the keys of its object read so far; `nil`
    /// otherwise (the tree then builds the alert).
    mutating func newPlainKey() -> (Int, Int)? {
      let start = offset + 1
      // Word by word to the first quote, backslash or control character, gathering high bits on the way.
      var position = start
      var high: UInt64 = 0
      var close = -1
      while position + 8 <= bytes.count {
        let word = load(position)
        let special = JSONStringBytes.specialMask(word)
        if special != 0 {
          let before = special.trailingZeroBitCount >> 3
          high |= word & Self.lowBytes(before)
          close = position + before
          break
        }
        high |= word
        position += 8
      }
      if close < 0 {
        while position < bytes.count {
          let byte = bytes[position]
          if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { break }
          high |= UInt64(byte)
          position += 1
        }
        close = position
      }
      guard close < bytes.count, bytes[close] == UInt8(ascii: "\""), high & 0x8080_8080_8080_8080 == 0 else {
        return nil
      }
      offset = close + 1
      guard isNew(fingerprint(start, close - start)) else { return nil }
      return (start, close)
    }

    /// A key's fingerprint: its length and first and last eight bytes, cheaper than a hash of them all. Equal
    /// fingerprints are taken for a repeated key: when keys differ only in between, the tree builds the alert.
    private func fingerprint(_ start: Int, _ count: Int) -> UInt64 {
      let head: UInt64
      if count >= 8 {
        head = load(start)
      } else if start + 8 <= bytes.count {
        head = load(start) & Self.lowBytes(count)
      } else {
        head = ByteHash.word(UnsafeRawBufferPointer(rebasing: bytes[start..<start + count]), at: 0)
      }
      let tail = count > 8 ? load(start + count - 8) : 0
      // Both words multiplied: with the length put in the last word's top byte, keys of consecutive lengths that
      // end alike (`kkkkkkkkkk10`, `kkkkkkkkkkk11`) were one.
      return head &* 0x9E37_79B9_7F4A_7C15 ^ tail &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(count)
    }

    /// Whether `fingerprint` is new among the keys of the object being read, which it joins. A 64-bit mask of the
    /// keys' top bits spares most keys the search of the list.
    private mutating func isNew(_ fingerprint: UInt64) -> Bool {
      let bit: UInt64 = 1 << (fingerprint >> 58)
      if keysOfObject.mask & bit != 0, keyHashes[keysOfObject.first...].contains(fingerprint) { return false }
      keysOfObject.mask |= bit
      keyHashes.append(fingerprint)
      return true
    }

    @inline(__always)
    private func load(_ position: Int) -> UInt64 {
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    /// The low `count` bytes of a word set (`count` below 8).
    @inline(__always)
    private static func lowBytes(_ count: Int) -> UInt64 {
      count == 0 ? 0 : UInt64.max >> UInt64(64 - 8 * count)
    }
  }

  /// Whether a value stays once empty objects and arrays are removed.
  static func survives(_ node: Node) -> Bool {
    switch node.kind {
    case .object, .array: node.flag
    default: true
    }
  }
}
