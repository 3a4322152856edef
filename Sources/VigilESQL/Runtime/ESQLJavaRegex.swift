/// A Java-syntax regular expression (`REPLACE`, `GROK`), run with Swift's `Regex` on Unicode scalars (as Java
/// matches code points, not grapheme clusters: `\r` must match inside `\r\n`). A backtracking engine, so a
/// pathological pattern can be slow (the corpus patterns are simple).
final class ESQLJavaRegex: @unchecked Sendable {
  let regex: Regex<AnyRegexOutput>

  init(_ pattern: String) throws {
    regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
  }

  /// `REPLACE(text, regex, replacement)`: every match replaced; `$n` in the replacement is group `n`, `\x` is `x`.
  func replacingAll(in text: String, with replacement: String) -> String {
    var out = ""
    var last = text.startIndex
    for match in text.matches(of: regex) {
      out += text[last..<match.range.lowerBound]
      var chars = replacement.makeIterator()
      var pending: Character? = chars.next()
      while let char = pending {
        pending = chars.next()
        if char == "\\", let next = pending {
          out.append(next)
          pending = chars.next()
        } else if char == "$", let digit = pending?.wholeNumberValue {
          pending = chars.next()
          if digit < match.output.count, let group = match.output[digit].substring { out += group }
        } else {
          out.append(char)
        }
      }
      last = match.range.upperBound
      if match.range.isEmpty {
        guard last < text.endIndex else { break }
        out.append(text[last])
        last = text.index(after: last)
      }
    }
    out += text[last...]
    return out
  }

  /// The groups of the first match anywhere in `text` (group 1 onwards), or `nil` when nothing matches.
  func firstGroups(in text: String) -> [String?]? {
    guard let match = try? regex.firstMatch(in: text) else { return nil }
    return (1..<match.output.count).map { match.output[$0].substring.map(String.init) }
  }
}
