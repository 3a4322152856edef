import VigilEvents
extension ECSDocument {
  /// The document as one line of compact JSON, with dotted names nested as objects.
  public var json: String {
    var output = ""
    output.reserveCapacity(fields.count * 40)
    Self.writeObject(
      fields.map { (path: $0.name.split(separator: ".").map(String.init), value: $0.value) }, to: &output)
    return output
  }

  private static func writeObject(_ entries: [(path: [String], value: ECSValue)], to output: inout String) {
    // Group by first path component, keeping first-appearance order.
    var order: [String] = []
    var groups: [String: [(path: [String], value: ECSValue)]] = [:]
    for entry in entries {
      guard let head = entry.path.first else { continue }
      if groups[head] == nil { order.append(head) }
      groups[head, default: []].append((Array(entry.path.dropFirst()), entry.value))
    }
    output += "{"
    for (index, key) in order.enumerated() {
      if index > 0 { output += "," }
      writeString(key, to: &output)
      output += ":"
      let members = groups[key]!
      if let leaf = members.last(where: { $0.path.isEmpty }) {
        // A leaf and an object under the same name cannot both exist in JSON; the leaf wins.
        writeValue(leaf.value, to: &output)
      } else {
        writeObject(members, to: &output)
      }
    }
    output += "}"
  }

  private static func writeValue(_ value: ECSValue, to output: inout String) {
    switch value {
    case .string(let string): writeString(string, to: &output)
    case .int(let number): output += String(number)
    case .bool(let flag): output += flag ? "true" : "false"
    case .strings(let strings):
      output += "["
      for (index, string) in strings.enumerated() {
        if index > 0 { output += "," }
        writeString(string, to: &output)
      }
      output += "]"
    }
  }

  /// Writes a JSON string with the escaping every Vigil output uses (``JSONWriter``).
  static func writeString(_ string: String, to output: inout String) {
    var bytes: [UInt8] = []
    JSONWriter.appendString(string, to: &bytes)
    output += String(decoding: bytes, as: UTF8.self)
  }
}
