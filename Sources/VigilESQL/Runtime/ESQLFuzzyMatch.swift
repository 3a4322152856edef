import VigilEvents
import VigilQuery

/// `MATCH(field, "term", {"fuzziness": n})` on a keyword field: a fuzzy term query, which holds when a value of the
/// field is within `maxEdits` insertions, deletions, substitutions or transpositions of the term (Lucene's
/// Damerau-Levenshtein automaton; `AUTO` gives 0 edits up to 2 characters, 1 up to 5, else 2).
struct ESQLFuzzyMatch: Hashable, Sendable {
  var field: FieldID
  var term: [Unicode.Scalar]
  /// The term's UTF-8, to tell an identical value, and to compare ASCII values byte by byte.
  var termUTF8: [UInt8]
  var maxEdits: Int

  init(field: FieldID, term: String, fuzziness: String) {
    self.field = field
    self.term = Array(term.unicodeScalars)
    termUTF8 = Array(term.utf8)
    switch fuzziness.uppercased() {
    case "AUTO": maxEdits = self.term.count <= 2 ? 0 : (self.term.count <= 5 ? 1 : 2)
    default: maxEdits = min(2, max(0, Int(fuzziness) ?? 0))
    }
  }

  /// A condition every matching event meets, for the engine to route and pre-filter with: a value of as many
  /// characters as the term, give or take `maxEdits` (a regular expression `.{n,m}`), or the term itself.
  var necessaryPredicate: Predicate {
    if maxEdits == 0 {
      let text = String(decoding: termUTF8, as: UTF8.self)
      return .test(FieldTest(field: field, condition: .keywordIn(ByteStringSet([text]))))
    }
    let pattern = ".{\(max(0, term.count - maxEdits)),\(term.count + maxEdits)}"
    guard let regex = try? LuceneRegex.compile(pattern) else { return .always }
    return .test(FieldTest(field: field, condition: .regex(regex)))
  }

  func matches(_ event: Event) -> Bool {
    event.containsValue(field) { value in
      FieldCondition.withKeywordText(value, in: event) { bytes in
        if bytes.elementsEqual(termUTF8) { return true }
        // An ASCII value (a byte a character) against an ASCII term is compared byte by byte, without making its
        // text; most are too long or short to be within reach.
        if bytes.allSatisfy({ $0 < 0x80 }) {
          if abs(bytes.count - term.count) > maxEdits { return false }
          if termUTF8.count == term.count { return Self.distance(bytes, termUTF8, limit: maxEdits) <= maxEdits }
        }
        let scalars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        guard abs(scalars.count - term.count) <= maxEdits else { return false }
        return Self.distance(scalars, term, limit: maxEdits) <= maxEdits
      } ?? false
    }
  }

  /// The optimal-string-alignment distance, giving up (returning `limit + 1`) once it must exceed `limit`. Its three
  /// rows are on the stack.
  static func distance<A: RandomAccessCollection, B: RandomAccessCollection>(_ a: A, _ b: B, limit: Int) -> Int
  where A.Element == B.Element, A.Element: Equatable, A.Index == Int, B.Index == Int {
    guard abs(a.count - b.count) <= limit else { return limit + 1 }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    let width = b.count + 1
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
      var previous2 = rows.baseAddress!
      var previous = previous2 + width
      var current = previous + width
      for j in 0..<width {
        previous2[j] = 0
        previous[j] = j
      }
      let a0 = a.startIndex
      let b0 = b.startIndex
      for i in 1...a.count {
        current[0] = i
        var best = current[0]
        for j in 1...b.count {
          let cost = a[a0 + i - 1] == b[b0 + j - 1] ? 0 : 1
          var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
          if i > 1, j > 1, a[a0 + i - 1] == b[b0 + j - 2], a[a0 + i - 2] == b[b0 + j - 1] {
            value = min(value, previous2[j - 2] + 1)
          }
          current[j] = value
          best = min(best, value)
        }
        if best > limit { return limit + 1 }
        (previous2, previous, current) = (previous, current, previous2)
      }
      return previous[b.count]
    }
  }
}
