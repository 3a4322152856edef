import VigilEvents

extension JSONValue {
  /// Appends the value as compact JSON.
  public func write(to out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .number(let text): out.append(contentsOf: text.utf8)
    case .string(let text): JSONWriter.appendString(text, to: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        item.write(to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let object):
      out.append(UInt8(ascii: "{"))
      var first = true
      Self.writeMembers(of: object, in: 0..<object.count, to: &out, first: &first)
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Appends the members of `object` at `positions` as `"key":value`, separated by commas, with one before the
  /// first unless `first`; `first` is then false if any was written.
  static func writeMembers(of object: JSONObject, in positions: Range<Int>, to out: inout [UInt8], first: inout Bool) {
    object.forEachMember(in: positions) { key, value in
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      JSONWriter.appendString(key, to: &out)
      out.append(UInt8(ascii: ":"))
      value.write(to: &out)
    }
  }

  /// The value as compact JSON text.
  public var jsonText: String {
    var out: [UInt8] = []
    write(to: &out)
    return String(decoding: out, as: UTF8.self)
  }
}
