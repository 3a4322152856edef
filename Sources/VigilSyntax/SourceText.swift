/// The text of one source (a rule file, a query typed on the command line) with a line table, so that byte
/// offsets found by a lexer or parser can be turned into lines and columns only when a diagnostic is shown.
public struct SourceText: Sendable {
  /// Where the text came from, as shown in diagnostics (a path, or a label such as `<query>`).
  public let name: String
  /// The text as UTF-8 bytes; offsets everywhere in Vigil's front ends index into this.
  public let bytes: [UInt8]
  /// Byte offset at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  public init(name: String, text: String) {
    self.init(name: name, bytes: Array(text.utf8))
  }

  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.lineStarts = starts
  }

  /// The whole text as a `String` (invalid UTF-8 is repaired).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Number of lines (a final line without a newline counts).
  public var lineCount: Int { lineStarts.count }

  /// The 0-based index of the line holding `offset`.
  public func lineIndex(ofByte offset: Int) -> Int {
    let clamped = max(0, min(offset, bytes.count))
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// The line and column of a byte offset; offsets past the end map to the end of the text.
  public func location(ofByte offset: Int) -> SourceLocation {
    let index = lineIndex(ofByte: offset)
    let start = lineStarts[index]
    let clamped = max(start, min(offset, bytes.count))
    let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
    return SourceLocation(line: index + 1, column: prefix.unicodeScalars.count + 1)
  }

  /// The byte offset of a 1-based line and column (columns past the end of the line clamp to it).
  public func offset(of location: SourceLocation) -> Int {
    let index = max(0, min(location.line - 1, lineStarts.count - 1))
    let start = lineStarts[index]
    let end = lineEndOffset(lineIndex: index)
    var offset = start
    var column = 1
    let line = String(decoding: bytes[start..<end], as: UTF8.self)
    for scalar in line.unicodeScalars {
      if column >= location.column { break }
      offset += String(scalar).utf8.count
      column += 1
    }
    return min(offset, end)
  }

  /// The text of a 1-based line, without its line terminator.
  public func line(_ number: Int) -> String {
    guard number >= 1, number <= lineStarts.count else { return "" }
    let start = lineStarts[number - 1]
    return String(decoding: bytes[start..<lineEndOffset(lineIndex: number - 1)], as: UTF8.self)
  }

  private func lineEndOffset(lineIndex index: Int) -> Int {
    var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
    if end > lineStarts[index], end - 1 < bytes.count, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return end
  }
}
