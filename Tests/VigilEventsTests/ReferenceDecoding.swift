import Foundation

/// JSON as Foundation's `JSONDecoder` reads it: the reference the decoder is compared with.
enum ReferenceJSON: Decodable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([ReferenceJSON])
  case object([String: ReferenceJSON])

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  init(from decoder: Decoder) throws {
    if let container = try? decoder.container(keyedBy: Key.self) {
      var members: [String: ReferenceJSON] = [:]
      for key in container.allKeys { members[key.stringValue] = try container.decode(ReferenceJSON.self, forKey: key) }
      self = .object(members)
      return
    }
    if var container = try? decoder.unkeyedContainer() {
      var elements: [ReferenceJSON] = []
      while !container.isAtEnd { elements.append(try container.decode(ReferenceJSON.self)) }
      self = .array(elements)
      return
    }
    let single = try decoder.singleValueContainer()
    if single.decodeNil() {
      self = .null
    } else if let flag = try? single.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? single.decode(Int64.self) {
      self = .int(number)
    } else if let number = try? single.decode(Double.self) {
      self = .double(number)
    } else {
      self = .string(try single.decode(String.self))
    }
  }

  /// Every leaf value under its dotted path, rendered as ``render(_:in:)`` does; arrays flattened.
  func flattened(_ path: String = "", into out: inout [String: [String]]) {
    switch self {
    case .object(let members):
      for (key, value) in members { value.flattened(path.isEmpty ? key : path + "." + key, into: &out) }
    case .array(let elements):
      for element in elements { element.flattened(path, into: &out) }
    case .null: out[path, default: []].append("null")
    case .bool(let flag): out[path, default: []].append("b:\(flag)")
    case .int(let number): out[path, default: []].append("i:\(number)")
    case .double(let number): out[path, default: []].append("d:\(number)")
    case .string(let text): out[path, default: []].append("s:" + text)
    }
  }
}
