#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension JSONStringBytes {
  /// Appends the UTF-8 of the JSON string body `p[start..<end]` (between its quotes), escapes resolved, to `out`;
  /// throws at a malformed escape. A high surrogate without its low one, and a lone low one, become U+FFFD.
  ///
  /// No escape is shorter than what it stands for, so the output is written in place into room for `end - start`
  /// bytes. The event decoder and the alert parser read strings with it alike.
  public static func unescape(
    _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [UInt8]
  ) throws(DecodeError) {
    let base = out.count
    let room = end - start
    out.append(contentsOf: repeatElement(0, count: room))
    let result: Result<Int, DecodeError> = out.withUnsafeMutableBufferPointer { buffer in
      let o = buffer.baseAddress! + base
      var written = 0
      var j = start
      while j < end {
        let found = memchr(p + j, Int32(UInt8.backslash), end - j)
        let next = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - p } ?? end
        (o + written).update(from: p + j, count: next - j)
        written += next - j
        j = next
        guard j < end else { break }
        guard j + 1 < end else { return .failure(DecodeError(.invalidEscape, at: j)) }
        let code = p[j + 1]
        j += 2
        let byte: UInt8
        switch code {
        case .quote, .backslash, UInt8(ascii: "/"): byte = code
        case UInt8(ascii: "b"): byte = 0x08
        case UInt8(ascii: "f"): byte = 0x0C
        case UInt8(ascii: "n"): byte = 0x0A
        case UInt8(ascii: "r"): byte = 0x0D
        case UInt8(ascii: "t"): byte = 0x09
        case UInt8(ascii: "u"):
          guard var scalar = hex4(p, j, end) else { return .failure(DecodeError(.invalidEscape, at: j - 2)) }
          j += 4
          if scalar >= 0xD800 && scalar < 0xDC00 {
            // A high surrogate: combined with a following low surrogate, else it stands alone as U+FFFD.
            if j + 6 <= end, p[j] == .backslash, p[j + 1] == UInt8(ascii: "u"), let low = hex4(p, j + 2, end),
              low >= 0xDC00 && low < 0xE000
            {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
              j += 6
            } else {
              scalar = 0xFFFD
            }
          } else if scalar >= 0xDC00 && scalar < 0xE000 {
            scalar = 0xFFFD
          }
          written += writeUTF8(scalar, to: o + written)
          continue
        default:
          return .failure(DecodeError(.invalidEscape, at: j - 2))
        }
        o[written] = byte
        written += 1
      }
      return .success(written)
    }
    switch result {
    case .success(let written): out.removeLast(room - written)
    case .failure(let error):
      out.removeLast(room)
      throw error
    }
  }

  /// The value of four hex digits at `p[at]`, or `nil`.
  private static func hex4(_ p: UnsafePointer<UInt8>, _ at: Int, _ end: Int) -> UInt32? {
    guard at + 4 <= end else { return nil }
    var value: UInt32 = 0
    for k in 0..<4 {
      let byte = p[at + k]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }
}

/// Writes the UTF-8 encoding of `scalar` at `out`; returns the number of bytes.
private func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
  switch scalar {
  case 0..<0x80:
    out[0] = UInt8(scalar)
    return 1
  case 0x80..<0x800:
    out[0] = UInt8(0xC0 | scalar >> 6)
    out[1] = UInt8(0x80 | scalar & 0x3F)
    return 2
  case 0x800..<0x10000:
    out[0] = UInt8(0xE0 | scalar >> 12)
    out[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
    out[2] = UInt8(0x80 | scalar & 0x3F)
    return 3
  default:
    out[0] = UInt8(0xF0 | scalar >> 18)
    out[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
    out[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
    out[3] = UInt8(0x80 | scalar & 0x3F)
    return 4
  }
}
