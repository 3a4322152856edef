/// The key scanner the loader used before ``TOMLDocument`` (kept unchanged, for tests only): TOMLDocument must
/// find every key this found, at the same place. Its key ranges run on over the blanks after a key; TOMLDocument's
/// stop at the key.
///
/// It follows table headers (`[a.b]`, `[[a.b]]` with their array indices) and `key = value` lines, skipping over
/// strings of all four kinds, arrays and inline tables. It runs only on documents TOMLKit has already accepted.
struct LegacyTOMLKeyLocator {
  /// Where a key is written.
  struct Position {
    /// Byte range of the key (for a table header, of the header's name).
    var keyRange: Range<Int>
    /// Byte offset of the first byte of the value's content (inside quotes for strings; after the newline that
    /// TOML trims at the start of a multi-line string), for diagnostics found inside a value such as a query.
    var contentStart: Int
  }

  private(set) var positions: [String: Position] = [:]

  init(bytes: [UInt8]) {
    var scanner = Scanner(bytes: bytes)
    scanner.run()
    positions = scanner.positions
  }

  /// The position of a path, or of its nearest ancestor that is written in the document.
  func position(of path: String) -> Position? {
    var current = path
    while true {
      if let found = positions[current] { return found }
      guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
      current = String(current[..<cut])
    }
  }
}

extension LegacyTOMLKeyLocator {
  private struct Scanner {
    let bytes: [UInt8]
    var offset = 0
    var positions: [String: Position] = [:]
    var table = ""
    /// Current index of each array of tables, by its resolved path.
    var arrayIndex: [String: Int] = [:]

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func run() {
      while offset < bytes.count {
        skipBlanks()
        guard offset < bytes.count else { return }
        switch bytes[offset] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): offset += 1
        case UInt8(ascii: "#"): skipToEndOfLine()
        case UInt8(ascii: "["): header()
        default: keyValue(prefix: table)
        }
      }
    }

    mutating func header() {
      let isArray = byte(at: offset + 1) == UInt8(ascii: "[")
      offset += isArray ? 2 : 1
      skipBlanks()
      let start = offset
      let segments = key()
      let end = offset
      var resolved = ""
      for (index, segment) in segments.enumerated() {
        let path = resolved.isEmpty ? segment : resolved + "." + segment
        if index == segments.count - 1, isArray {
          let next = (arrayIndex[path] ?? -1) + 1
          arrayIndex[path] = next
          resolved = path + "[\(next)]"
        } else if let current = arrayIndex[path] {
          resolved = path + "[\(current)]"
        } else {
          resolved = path
        }
      }
      table = resolved
      if positions[resolved] == nil {
        positions[resolved] = Position(keyRange: start..<end, contentStart: start)
      }
      skipToEndOfLine()
    }

    mutating func keyValue(prefix: String) {
      let start = offset
      let segments = key()
      let end = offset
      guard !segments.isEmpty else {
        skipToEndOfLine()
        return
      }
      var path = prefix
      for segment in segments { path = path.isEmpty ? segment : path + "." + segment }
      skipBlanks()
      guard byte(at: offset) == UInt8(ascii: "=") else {
        skipToEndOfLine()
        return
      }
      offset += 1
      skipBlanks()
      let contentStart = value()
      positions[path] = Position(keyRange: start..<end, contentStart: contentStart)
    }

    /// Reads a dotted key of bare and quoted parts.
    mutating func key() -> [String] {
      var segments: [String] = []
      while offset < bytes.count {
        skipBlanks()
        guard let first = byte(at: offset) else { break }
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
          let contentStart = offset + 1
          skipString()
          segments.append(String(decoding: bytes[contentStart..<max(contentStart, offset - 1)], as: UTF8.self))
        } else {
          let start = offset
          while let byte = byte(at: offset), Self.isBareKeyByte(byte) { offset += 1 }
          guard offset > start else { break }
          segments.append(String(decoding: bytes[start..<offset], as: UTF8.self))
        }
        skipBlanks()
        guard byte(at: offset) == UInt8(ascii: ".") else { break }
        offset += 1
      }
      return segments
    }

    /// Skips one value and returns where its content starts.
    mutating func value() -> Int {
      guard let first = byte(at: offset) else { return offset }
      if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
        let quote = first
        let isMultiline = byte(at: offset + 1) == quote && byte(at: offset + 2) == quote
        var contentStart = offset + (isMultiline ? 3 : 1)
        if isMultiline {
          if byte(at: contentStart) == UInt8(ascii: "\r") { contentStart += 1 }
          if byte(at: contentStart) == UInt8(ascii: "\n") { contentStart += 1 }
        }
        skipString()
        return contentStart
      }
      let start = offset
      if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
        skipBracketed()
      } else {
        while let byte = byte(at: offset), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "#"),
          byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"), byte != UInt8(ascii: "}")
        {
          offset += 1
        }
      }
      return start
    }

    /// Skips an array or inline table, with nested strings, brackets and comments.
    mutating func skipBracketed() {
      var depth = 0
      while let byte = byte(at: offset) {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "{"):
          depth += 1
          offset += 1
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
          depth -= 1
          offset += 1
          if depth == 0 { return }
        case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString()
        case UInt8(ascii: "#"): skipToEndOfLine()
        default: offset += 1
        }
      }
    }

    /// Skips a basic, literal, or multi-line string starting at `offset`.
    mutating func skipString() {
      guard let quote = byte(at: offset) else { return }
      let isMultiline = byte(at: offset + 1) == quote && byte(at: offset + 2) == quote
      let escapes = quote == UInt8(ascii: "\"")
      offset += isMultiline ? 3 : 1
      while let byte = byte(at: offset) {
        if escapes, byte == UInt8(ascii: "\\") {
          offset += 2
          continue
        }
        if byte == quote {
          if !isMultiline {
            offset += 1
            return
          }
          if self.byte(at: offset + 1) == quote, self.byte(at: offset + 2) == quote {
            offset += 3
            // Up to two more quotes may close a multi-line string (`""""` ends with a quote in the content).
            while self.byte(at: offset) == quote { offset += 1 }
            return
          }
        }
        if !isMultiline, byte == UInt8(ascii: "\n") { return }
        offset += 1
      }
    }

    mutating func skipBlanks() {
      while let byte = byte(at: offset), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { offset += 1 }
    }

    mutating func skipToEndOfLine() {
      while let byte = byte(at: offset), byte != UInt8(ascii: "\n") { offset += 1 }
    }

    func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-")
    }
  }
}
