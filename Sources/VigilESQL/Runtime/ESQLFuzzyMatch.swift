import VigilEvents
import VigilQuery

/// `MATCH(field, "term", {"fuzziness": n})` on a keyword field: a fuzzy term query, which holds when a value of the
/// field is within `maxEdits` insertions, deletions, substitutions or transpositions of the term (Lucene's
/// Damerau-Levenshtein automaton; `AUTO` gives 0 edits up to 2 characters, 1 up to 5, else 2).
struct ESQLFuzzyMatch: Hashable, Sendable {
  var field: FieldID
  var term: [Unicode.Scalar]
  var maxEdits: Int

  init(field: FieldID, term: String, fuzziness: String) {
    self.field = field
    self.term = Array(term.unicodeScalars)
    switch fuzziness.uppercased() {
    case "AUTO": maxEdits = self.term.count <= 2 ? 0 : (self.term.count <= 5 ? 1 : 2)
    default: maxEdits = min(2, max(0, Int(fuzziness) ?? 0))
    }
  }

  func matches(_ event: Event) -> Bool {
    event.containsValue(field) { value in
      FieldCondition.withKeywordText(value, in: event) { bytes in
        // Most values are too long or short to be within reach: an ASCII one (a byte a character) is told so
        // without making its text.
        if bytes.allSatisfy({ $0 < 0x80 }), abs(bytes.count - term.count) > maxEdits { return false }
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        guard abs(scalars.count - term.count) <= maxEdits else { return false }
        return Self.distance(scalars, term, limit: maxEdits) <= maxEdits
      } ?? false
    }
  }

  /// The optimal-string-alignment distance, giving up (returning `limit + 1`) once it must exceed `limit`.
  static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    guard abs(a.count - b.count) <= limit else { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var best = current[0]
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
        current[j] = value
        best = min(best, value)
      }
      if best > limit { return limit + 1 }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
