/// A small JSON reader for `JSON_EXTRACT` and geo-point objects: enough to walk a document by path.
indirect enum ESQLJSON: Hashable, Sendable {
  case null
  case boolean(Bool)
  /// A number, and its text as written.
  case number(Double, text: String)
  case string(String)
  case array([ESQLJSON])
  case object([(String, ESQLJSON)])

  static func == (a: ESQLJSON, b: ESQLJSON) -> Bool { a.text == b.text }
  func hash(into hasher: inout Hasher) { hasher.combine(text) }

  /// The value of an object member.
  func member(_ name: String) -> ESQLJSON? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == name }?.1
  }

  /// The value at a `JSON_EXTRACT` path: `a.b`, `$.a.b`, `a[0].b`, `['a.b']`; `nil` when absent.
  static func extract(_ path: String, from root: ESQLJSON) -> ESQLJSON? {
    var rest = Substring(path)
    if rest.hasPrefix("$") { rest = rest.dropFirst() }
    var current = root
    while !rest.isEmpty {
      if rest.hasPrefix(".") { rest = rest.dropFirst() }
      if rest.hasPrefix("['") || rest.hasPrefix("[\"") {
        let quote = rest.dropFirst().first!
        rest = rest.dropFirst(2)
        guard let end = rest.firstIndex(of: quote) else { return nil }
        guard let next = current.member(String(rest[..<end])) else { return nil }
        current = next
        rest = rest[rest.index(after: end)...]
        guard rest.hasPrefix("]") else { return nil }
        rest = rest.dropFirst()
      } else if rest.hasPrefix("[") {
        guard let end = rest.firstIndex(of: "]"), let position = Int(rest[rest.index(after: rest.startIndex)..<end]),
          case .array(let items) = current, items.indices.contains(position)
        else { return nil }
        current = items[position]
        rest = rest[rest.index(after: end)...]
      } else {
        let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
        guard let next = current.member(String(rest[..<end])) else { return nil }
        current = next
        rest = rest[end...]
      }
    }
    return current
  }

  /// Parses one JSON value; `nil` when the text is not JSON.
  static func parse(_ text: String) -> ESQLJSON? {
    var reader = Reader(bytes: Array(text.utf8))
    guard let value = reader.value(depth: 0) else { return nil }
    reader.skipSpace()
    return reader.index == reader.bytes.count ? value : nil
  }

  /// The value as JSON text (strings quoted).
  var text: String {
    switch self {
    case .null: return "null"
    case .boolean(let flag): return flag ? "true" : "false"
    case .number(_, let text): return text
    case .string(let string):
      var out: [UInt8] = []
      ESQLJSON.appendQuoted(string, to: &out)
      return String(decoding: out, as: UTF8.self)
    case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
    case .object(let members):
      return "{" + members.map { ESQLJSON.string($0.0).text + ":" + $0.1.text }.joined(separator: ",") + "}"
    }
  }

  private static func appendQuoted(_ string: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
      case 0x0A: out += Array("\\n".utf8)
      case 0x0D: out += Array("\\r".utf8)
      case 0x09: out += Array("\\t".utf8)
      case 0..<0x20: out += Array("\\u00".utf8) + Array(String(byte, radix: 16).leftPadded(2).utf8)
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value(depth: Int) -> ESQLJSON? {
      guard depth < 128 else { return nil }
      skipSpace()
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var members: [(String, ESQLJSON)] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        }
        while true {
          skipSpace()
          guard let key = string() else { return nil }
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
          index += 1
          guard let member = value(depth: depth + 1) else { return nil }
          members.append((key, member))
          skipSpace()
          guard index < bytes.count else { return nil }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          guard bytes[index] == UInt8(ascii: "}") else { return nil }
          index += 1
          return .object(members)
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [ESQLJSON] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
        while true {
          guard let item = value(depth: depth + 1) else { return nil }
          items.append(item)
          skipSpace()
          guard index < bytes.count else { return nil }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          guard bytes[index] == UInt8(ascii: "]") else { return nil }
          index += 1
          return .array(items)
        }
      case UInt8(ascii: "\""):
        return string().map(ESQLJSON.string)
      case UInt8(ascii: "t"): return literal("true", .boolean(true))
      case UInt8(ascii: "f"): return literal("false", .boolean(false))
      case UInt8(ascii: "n"): return literal("null", .null)
      default:
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let number = Double(text) else { return nil }
        return .number(number, text: text)
      }
    }

    mutating func literal(_ word: String, _ value: ESQLJSON) -> ESQLJSON? {
      let utf8 = Array(word.utf8)
      guard bytes[index...].starts(with: utf8) else { return nil }
      index += utf8.count
      return value
    }

    mutating func string() -> String? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      index += 1
      var out: [UInt8] = []
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        guard byte == UInt8(ascii: "\\") else {
          out.append(byte)
          continue
        }
        guard index < bytes.count else { return nil }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
          guard index + 4 <= bytes.count,
            var code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
          else { return nil }
          index += 4
          if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
            let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16)
          {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            index += 6
          }
          out += Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
        default: out.append(escape)
        }
      }
      return nil
    }
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
