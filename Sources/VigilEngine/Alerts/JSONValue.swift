/// A JSON document as a tree, for building alert documents (off the per-event hot path). Objects keep their key
/// order and numbers their exact text, so a copied event reads as it was written.
public indirect enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// A number, as its JSON text.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

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
public struct JSONObject: Hashable, Sendable {
  public private(set) var keys: [String] = []
  private var values: [String: JSONValue] = [:]

  public init() {}

  public init(_ members: [(String, JSONValue)]) {
    for (key, value) in members { self[key] = value }
  }

  public var isEmpty: Bool { keys.isEmpty }

  /// The value at `key`; setting `nil` removes the key, setting a new key appends it.
  public subscript(key: String) -> JSONValue? {
    get { values[key] }
    set {
      if let newValue {
        if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
      } else if values.removeValue(forKey: key) != nil {
        keys.removeAll { $0 == key }
      }
    }
  }

  /// The members in order.
  public var members: [(key: String, value: JSONValue)] { keys.map { ($0, values[$0]!) } }

  /// The value at a dotted path, following nested objects and dotted keys alike.
  public func value(atPath path: String) -> JSONValue? {
    if let direct = values[path] { return direct }
    var prefix = ""
    for part in path.split(separator: ".", omittingEmptySubsequences: false).dropLast() {
      prefix += prefix.isEmpty ? String(part) : "." + part
      if case .object(let inner)? = values[prefix] {
        return inner.value(atPath: String(path.dropFirst(prefix.count + 1)))
      }
    }
    return nil
  }
}
