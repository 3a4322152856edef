/// `LOCATE`: the 1-based position, in Unicode scalars, of the first occurrence of a string.
///
/// Searches UTF-8 bytes: a valid UTF-8 needle can only match at scalar boundaries, so the first byte match is the
/// first scalar match, and its position is the number of scalars (non-continuation bytes) before it.
enum ESQLLocate {
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
        guard haystack.count >= pattern.count else { return 0 }
        let first = pattern[0]
        var index = byteStart
        while index <= haystack.count - pattern.count {
          if haystack[index] == first, haystack[index..<(index + pattern.count)].elementsEqual(pattern) {
            var position: Int64 = 1
            for byte in haystack[..<index] where byte & 0xC0 != 0x80 { position += 1 }
            return position
          }
          index += 1
        }
        return 0
      }
    }
  }
}
