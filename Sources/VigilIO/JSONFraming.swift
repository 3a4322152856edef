/// Finds where a JSON value ends in a buffer that may hold only its beginning; used to frame the elements of JSON
/// arrays and `_search` responses, whose documents are not one per line.
enum JSONFraming {
  enum Result: Equatable {
    /// The value ends just before this offset.
    case complete(Int)
    /// The buffer ends inside the value.
    case incomplete
    /// The value is malformed at this offset.
    case malformed(Int)
  }

  /// The end of the value starting at `p[from]` (not whitespace), looking no further than `end`. With `atEOF`, a
  /// number or literal may end at `end`.
  static func valueEnd(_ p: UnsafePointer<UInt8>, from: Int, end: Int, atEOF: Bool) -> Result {
    guard from < end else { return .incomplete }
    var i = from
    var depth = 0
    var stack: [UInt8] = []
    repeat {
      guard i < end else { return atEOF && depth == 0 ? .complete(i) : .incomplete }
      let byte = p[i]
      switch byte {
      case UInt8(ascii: "\""):
        i += 1
        while true {
          guard i < end else { return .incomplete }
          if p[i] == UInt8(ascii: "\\") {
            i += 2
          } else if p[i] == UInt8(ascii: "\"") {
            break
          } else {
            i += 1
          }
        }
        i += 1
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        stack.append(byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        depth += 1
        i += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        guard stack.last == byte else { return .malformed(i) }
        stack.removeLast()
        depth -= 1
        i += 1
      default:
        if depth == 0 {
          // A scalar at top level: it ends at the first delimiter.
          while i < end, !isDelimiter(p[i]) { i += 1 }
          if i == end && !atEOF { return .incomplete }
          return i == from ? .malformed(i) : .complete(i)
        }
        i += 1
      }
    } while depth > 0
    return .complete(i)
  }

  static func isDelimiter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: " "), UInt8(ascii: "\n"),
      UInt8(ascii: "\r"), UInt8(ascii: "\t"), UInt8(ascii: ":"):
      true
    default: false
    }
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
  }
}
