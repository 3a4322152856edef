extension DocumentScanner {
  /// Moves `i` from an opening `"` to the closing one; returns whether the string has escapes.
  @inline(__always)
  mutating func findStringEnd() throws(DecodeError) -> Bool {
    var j = i + 1
    var escaped = false
    while true {
      while j + 8 <= n {
        let word = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self)
        let mask = JSONStringBytes.specialMask(word)
        if mask == 0 {
          j += 8
          continue
        }
        j += mask.trailingZeroBitCount >> 3
        break
      }
      guard j < n else { throw DecodeError(.unexpectedEnd, at: n) }
      let byte = p[j]
      if byte == .quote {
        i = j
        return escaped
      }
      if byte == .backslash {
        escaped = true
        j += 2
      } else if byte < 0x20 {
        throw DecodeError(.controlCharacterInString, at: j)
      } else {
        j += 1
      }
    }
  }

  /// Skips the string at `p[i]` (a `"`).
  @inline(__always)
  mutating func skipString() throws(DecodeError) {
    _ = try findStringEnd()
    i += 1
  }
}
