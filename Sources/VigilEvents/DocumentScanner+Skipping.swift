extension DocumentScanner {
  /// Skips the value at `p[i]` without recording anything.
  ///
  /// Objects and arrays are skipped by matching brackets and strings, which is much faster than a full parse; the
  /// scalars inside a skipped container are not checked.
  mutating func skipValue() throws(DecodeError) {
    guard i < n else { throw DecodeError(.unexpectedEnd, at: i) }
    switch p[i] {
    case .quote:
      try skipString()
    case .openBrace, .openBracket:
      try skipContainer()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      _ = try number()
    case UInt8(ascii: "t"):
      try literal(0x7472_7565, 4)
    case UInt8(ascii: "f"):
      try literal5False()
    case UInt8(ascii: "n"):
      try literal(0x6E75_6C6C, 4)
    default:
      throw DecodeError(.unexpectedByte(p[i]), at: i)
    }
  }

  /// Skips a whole object or array, checking that brackets match (a bit per level: 1 for an object).
  mutating func skipContainer() throws(DecodeError) {
    var stack: (UInt64, UInt64) = (0, 0)
    var depth = 0
    while i < n {
      let byte = p[i]
      switch byte {
      case .quote:
        _ = try findStringEnd()
      case .openBrace, .openBracket:
        guard depth < 128 else { throw DecodeError(.tooDeep, at: i) }
        let isObject: UInt64 = byte == .openBrace ? 1 : 0
        if depth < 64 {
          stack.0 = stack.0 & ~(1 << UInt64(depth)) | isObject << UInt64(depth)
        } else {
          stack.1 = stack.1 & ~(1 << UInt64(depth - 64)) | isObject << UInt64(depth - 64)
        }
        depth += 1
      case .closeBrace, .closeBracket:
        depth -= 1
        guard depth >= 0 else { throw DecodeError(.unexpectedByte(byte), at: i) }
        let bit = depth < 64 ? (stack.0 >> UInt64(depth)) & 1 : (stack.1 >> UInt64(depth - 64)) & 1
        guard bit == (byte == .closeBrace ? 1 : 0) else { throw DecodeError(.unexpectedByte(byte), at: i) }
        if depth == 0 {
          i += 1
          return
        }
      default:
        // Jump eight bytes at a time to the next quote or bracket.
        i += 1
        while i + 8 <= n {
          let mask = Self.structuralBytes(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
          if mask != 0 {
            i += mask.trailingZeroBitCount >> 3
            break
          }
          i += 8
        }
        continue
      }
      i += 1
    }
    throw DecodeError(.unexpectedEnd, at: n)
  }

  /// High bit set in each byte of `word` that is `"`, `{`, `}`, `[` or `]` (exact for the lowest such byte).
  @inline(__always)
  static func structuralBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    @inline(__always) func zero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v }
    let found =
      zero(word ^ (ones &* 0x22)) | zero(word ^ (ones &* 0x7B)) | zero(word ^ (ones &* 0x7D))
      | zero(word ^ (ones &* 0x5B)) | zero(word ^ (ones &* 0x5D))
    return found & 0x8080_8080_8080_8080
  }
}
