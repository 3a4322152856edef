/// `LOCATE`: the 1-based position, in Unicode scalars, of the first occurrence of a string.
///
/// Searches UTF-8 bytes: a valid UTF-8 needle can only match at scalar boundaries, so the first byte match is the
/// first scalar match, and its position is the number of scalars (non-continuation bytes) before it.
enum ESQLLocate {
  /// Needles at least this long are searched with skips (Horspool's): `LOCATE(process.command_line, SPACE(100))`
  /// then reads a few bytes of each command line instead of all of them.
  static let skippingLength = 4

  /// The position of `needle` in `subject` at or after scalar `start` (0-based); 0 when absent or when `start`
  /// lies past the end, `start + 1` for an empty needle.
  static func position(of needle: String, in subject: String, from start: Int) -> Int64 {
    let scalars = subject.unicodeScalars
    guard let from = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex) else { return 0 }
    if needle.isEmpty { return Int64(start + 1) }
    let byteStart = subject.utf8.distance(from: subject.utf8.startIndex, to: from)
    var subject = subject
    var needle = needle
    return subject.withUTF8 { haystack in
      needle.withUTF8 { pattern in
        guard let index = firstIndex(of: pattern, in: haystack, from: byteStart) else { return 0 }
        var position: Int64 = 1
        for byte in haystack[..<index] where byte & 0xC0 != 0x80 { position += 1 }
        return position
      }
    }
  }

  /// The first byte offset at or after `start` where `pattern` (not empty) occurs in `haystack`.
  static func firstIndex(
    of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> Int? {
    let length = pattern.count
    guard haystack.count - start >= length else { return nil }
    let last = length - 1
    if length < skippingLength {
      for index in start...(haystack.count - length)
      where haystack[index] == pattern[0] && haystack[index..<(index + length)].elementsEqual(pattern) {
        return index
      }
      return nil
    }
    // How far the window may move when its last byte is b: from the rightmost b in the pattern (but its last
    // byte) to the pattern's end, or the whole length.
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { skips in
      skips.initialize(repeating: length)
      for position in 0..<last { skips[Int(pattern[position])] = last - position }
      var index = start
      while index <= haystack.count - length {
        let final = haystack[index + last]
        if final == pattern[last], haystack[index..<(index + last)].elementsEqual(pattern[..<last]) { return index }
        index += skips[Int(final)]
      }
      return nil
    }
  }
}
