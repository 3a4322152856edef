/// A JSON document as a tree, for building alert documents (off the per-event hot path). Objects keep their key
/// order and numbers their exact text, so a copied event reads as it was written.
///
/// Only an object is boxed (it is larger than a string): a whole `indirect` enum boxed every string and number too,
/// and most of an alert's allocations were those boxes.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// A number, as its JSON text.
  case number(String)
  case string(String)
  case array([JSONValue])
  indirect case object(JSONObject)

  public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

  public var object: JSONObject? {
    if case .object(let object) = self { return object }
    return nil
  }

  public var string: String? {
    if case .string(let string) = self { return string }
    return nil
  }
}

/// A JSON object with its keys in order.
///
/// Members are kept in two arrays in order; a small object is searched linearly, and a hash index is built once an
/// object grows past ``indexedCount`` members (an alert's top level). Alert documents are built and written once
/// per alert, and hashing every key of every small object cost more than the searches.
public struct JSONObject: Hashable, Sendable {
  public private(set) var keys: [String] = []
  private var values: [JSONValue] = []
  /// The position of each key, once the object has more than ``indexedCount`` members.
  private var index: JSONKeyIndex?

  /// The member count past which lookups go through a hash index.
  static let indexedCount = 16

  public init() {}

  public init(_ members: [(String, JSONValue)]) {
    reserveCapacity(members.count)
    for (key, value) in members { self[key] = value }
  }

  public var isEmpty: Bool { keys.isEmpty }

  /// The number of members.
  public var count: Int { keys.count }

  /// Makes room for `capacity` members, so that adding up to that many does not grow the storage (or the index)
  /// step by step.
  public mutating func reserveCapacity(_ capacity: Int) {
    keys.reserveCapacity(capacity)
    values.reserveCapacity(capacity)
    if capacity > Self.indexedCount, index == nil { index = JSONKeyIndex(keys, capacity: capacity) }
  }

  /// The value at `key`; setting `nil` removes the key, setting a new key appends it.
  public subscript(key: String) -> JSONValue? {
    get { position(of: key).map { values[$0] } }
    set {
      if let newValue {
        if let position = position(of: key) {
          values[position] = newValue
        } else {
          keys.append(key)
          values.append(newValue)
          if index != nil {
            index!.insert(key, at: keys.count - 1, in: keys)
          } else if keys.count > Self.indexedCount {
            index = JSONKeyIndex(keys, capacity: keys.count)
          }
        }
      } else if let position = position(of: key) {
        keys.remove(at: position)
        values.remove(at: position)
        if index != nil { index = JSONKeyIndex(keys, capacity: keys.count) }
      }
    }
  }

  private func position(of key: String) -> Int? {
    if let index { return index.position(of: key, in: keys) }
    return keys.firstIndex(of: key)
  }

  /// The members in order.
  public var members: [(key: String, value: JSONValue)] { Array(zip(keys, values)) }

  /// Calls `body` with each member in order.
  public func forEachMember(_ body: (String, JSONValue) throws -> Void) rethrows {
    try forEachMember(in: keys.indices, body)
  }

  /// Calls `body` with the members at `positions` (in insertion order), in order.
  public func forEachMember(in positions: Range<Int>, _ body: (String, JSONValue) throws -> Void) rethrows {
    for position in positions { try body(keys[position], values[position]) }
  }

  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.keys == rhs.keys && lhs.values == rhs.values
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(keys)
    hasher.combine(values)
  }

  /// The value at a dotted path, following nested objects and dotted keys alike.
  public func value(atPath path: String) -> JSONValue? {
    if let direct = self[path] { return direct }
    // Dots are found in the UTF-8 view: walking characters cost most of an alert's reason.
    let utf8 = path.utf8
    var searched = utf8.startIndex
    while let dot = utf8[searched...].firstIndex(of: UInt8(ascii: ".")) {
      let rest = utf8.index(after: dot)
      if case .object(let inner)? = self[String(path[..<dot])] { return inner.value(atPath: String(path[rest...])) }
      searched = rest
    }
    return nil
  }
}
