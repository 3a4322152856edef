import VigilEvents

extension JSONValue {
  /// Parses a JSON text; `nil` when it is not valid JSON.
  public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> JSONValue? {
    let bytes = Array(bytes)
    // Validated once here, so that strings are then made without validating each.
    let valid = bytes.withUnsafeBufferPointer { $0.isEmpty || UTF8Check.firstInvalid($0.baseAddress!, $0.count) == nil }
    guard valid else { return nil }
    var parser = JSONTreeParser(bytes: bytes)
    guard let value = parser.value() else { return nil }
    parser.skipWhitespace()
    return parser.isAtEnd ? value : nil
  }
}

extension JSONValue {
  /// Whether `byte` may appear in a JSON number: the alert tree takes the run of such bytes as a number when `Double`
  /// reads it.
  static func isNumberByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "e"), UInt8(ascii: "E"):
      true
    default: false
    }
  }
}

/// A recursive-descent JSON parser into ``JSONValue``, bounded in depth.
///
/// The members of the objects and the items of the arrays being parsed wait on two stacks, and each object or array
/// is made at its close with the capacity it needs: growing each as its members came reallocated it several times.
private struct JSONTreeParser {
  let bytes: [UInt8]
  var offset = 0
  var depth = 0
  var pendingMembers: [(String, JSONValue)] = []
  var pendingItems: [JSONValue] = []

  /// `bytes`, valid UTF-8.
  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The text of `range`, which holds valid UTF-8.
  func text(_ range: Range<Int>) -> String {
    bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
  }

  var isAtEnd: Bool { offset >= bytes.count }

  mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09, 0x0A, 0x0D: offset += 1
      default: return
      }
    }
  }

  mutating func value() -> JSONValue? {
    skipWhitespace()
    guard offset < bytes.count, depth < 512 else { return nil }
    switch bytes[offset] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map(JSONValue.string)
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    default: return number()
    }
  }

  mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
    let count = word.utf8.count
    guard bytes.count - offset >= count, bytes[offset..<offset + count].elementsEqual(word.utf8) else { return nil }
    offset += count
    return value
  }

  mutating func number() -> JSONValue? {
    let start = offset
    while offset < bytes.count, JSONValue.isNumberByte(bytes[offset]) { offset += 1 }
    let literal = text(start..<offset)
    guard offset > start, Double(literal) != nil else { return nil }
    return .number(literal)
  }

  mutating func object() -> JSONValue? {
    offset += 1
    depth += 1
    defer { depth -= 1 }
    skipWhitespace()
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
      offset += 1
      return .object(JSONObject())
    }
    let first = pendingMembers.count
    defer { pendingMembers.removeSubrange(first...) }
    while true {
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\""), let key = string() else { return nil }
      skipWhitespace()
      guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { return nil }
      offset += 1
      guard let member = value() else { return nil }
      pendingMembers.append((key, member))
      skipWhitespace()
      guard offset < bytes.count else { return nil }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
      } else if bytes[offset] == UInt8(ascii: "}") {
        offset += 1
        var object = JSONObject()
        object.reserveCapacity(pendingMembers.count - first)
        // Set one by one: a repeated key keeps its first place and its last value, as before.
        for (key, member) in pendingMembers[first...] { object[key] = member }
        return .object(object)
      } else {
        return nil
      }
    }
  }

  mutating func array() -> JSONValue? {
    offset += 1
    depth += 1
    defer { depth -= 1 }
    skipWhitespace()
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
      offset += 1
      return .array([])
    }
    let first = pendingItems.count
    defer { pendingItems.removeSubrange(first...) }
    while true {
      guard let item = value() else { return nil }
      pendingItems.append(item)
      skipWhitespace()
      guard offset < bytes.count else { return nil }
      if bytes[offset] == UInt8(ascii: ",") {
        offset += 1
      } else if bytes[offset] == UInt8(ascii: "]") {
        offset += 1
        // Copied into an array of its own size: `Array` of a slice that spans the whole stack would share its
        // buffer, which the removal of the items would then copy.
        var items: [JSONValue] = []
        items.reserveCapacity(pendingItems.count - first)
        items.append(contentsOf: pendingItems[first...])
        return .array(items)
      } else {
        return nil
      }
    }
  }

  mutating func string() -> String? {
    offset += 1
    let start = offset
    guard let (close, escaped) = bytes.withUnsafeBytes({ JSONStringBytes.closingQuote(in: $0, from: start) }) else {
      return nil
    }
    // No escape: the run is the whole string.
    guard escaped else {
      defer { offset = close + 1 }
      return text(start..<close)
    }
    // Escapes: its UTF-8 is gathered as the event decoder gathers it (appending to a String's scalars cost a fifth
    // of an alert when Windows paths were common).
    var utf8: [UInt8] = []
    utf8.reserveCapacity(close - start)
    let unescaped: Void? = bytes.withUnsafeBufferPointer { buffer in
      try? JSONStringBytes.unescape(buffer.baseAddress!, start, close, into: &utf8)
    }
    guard unescaped != nil else { return nil }
    offset = close + 1
    return String(decoding: utf8, as: UTF8.self)
  }
}
