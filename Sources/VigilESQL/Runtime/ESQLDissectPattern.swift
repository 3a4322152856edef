/// A compiled `DISSECT` pattern: a literal prefix, then keys each followed by the literal that ends it.
///
/// Matching follows Elasticsearch's dissect processor: each key takes the text up to the next occurrence of its
/// delimiter (the last key, with no delimiter, takes the rest); `%{key->}` also skips repeats of the delimiter;
/// `%{+key}` appends to an earlier key with the append separator; `%{}` and `%{?key}` match without output.
struct ESQLDissectPattern: Hashable, Sendable {
  struct Key: Hashable, Sendable {
    var name: String
    var skipped: Bool
    var appended: Bool
    var rightPadded: Bool
    /// The literal after the key (empty for a last key that takes the rest).
    var delimiter: [UInt8]
  }

  var prefix: [UInt8]
  var keys: [Key]
  var appendSeparator: String

  /// The output columns, in order of first appearance.
  var columns: [String] {
    var names: [String] = []
    for key in keys where !key.skipped && !names.contains(key.name) { names.append(key.name) }
    return names
  }

  init(_ pattern: String, appendSeparator: String?) {
    self.appendSeparator = appendSeparator ?? ""
    var literal: [UInt8] = []
    var prefix: [UInt8]?
    var keys: [Key] = []
    let bytes = Array(pattern.utf8)
    var index = 0
    func flush() {
      if keys.isEmpty { prefix = literal } else { keys[keys.count - 1].delimiter = literal }
      literal = []
    }
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "%"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{"),
        let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: "}"))
      {
        flush()
        var text = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
        var key = Key(name: "", skipped: false, appended: false, rightPadded: false, delimiter: [])
        if text.hasSuffix("->") {
          key.rightPadded = true
          text.removeLast(2)
        }
        if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
        switch text.first {
        case "?", "*", "&":
          key.skipped = true
          text.removeFirst()
        case "+":
          key.appended = true
          text.removeFirst()
        default: break
        }
        if text.isEmpty { key.skipped = true }
        key.name = text
        keys.append(key)
        index = close + 1
        continue
      }
      literal.append(bytes[index])
      index += 1
    }
    flush()
    self.prefix = prefix ?? []
    self.keys = keys
  }

  /// The columns' values for `text`, or `nil` when the pattern does not match.
  func match(_ text: String) -> [String: String]? {
    let input = Array(text.utf8)
    guard input.starts(with: prefix) else { return nil }
    var position = prefix.count
    var found: [String: String] = [:]
    for (number, key) in keys.enumerated() {
      let value: ArraySlice<UInt8>
      if key.delimiter.isEmpty {
        if number == keys.count - 1 {
          value = input[position...]
          position = input.count
        } else {
          value = input[position..<position]
        }
      } else {
        guard let hit = Self.find(key.delimiter, in: input, from: position) else { return nil }
        value = input[position..<hit]
        position = hit + key.delimiter.count
        if key.rightPadded {
          while input[position...].starts(with: key.delimiter) { position += key.delimiter.count }
        }
      }
      guard !key.skipped else { continue }
      let string = String(decoding: value, as: UTF8.self)
      if key.appended, let earlier = found[key.name] {
        found[key.name] = earlier + appendSeparator + string
      } else {
        found[key.name] = string
      }
    }
    return found
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var index = start
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }
}
