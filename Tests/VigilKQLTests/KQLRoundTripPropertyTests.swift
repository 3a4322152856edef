import Testing
import VigilKQL
import VigilTestSupport

/// Random KQL-like text from the grammar's awkward pieces: the parser never crashes, errors always carry a range
/// inside the text, and whatever parses prints (canonically and prettily) to text that parses to the same tree.
struct KQLRoundTripPropertyTests {
  static let pieces: [String] = [
    "a", "b.c", "x*", "*", ":", " ", "  ", "\t", "\n", "\u{A0}", "(", ")", "{", "}", "<", ">=", "\"", "\"q r\"",
    "\\", "\\:", "\\*", "\\\\", "\\t", "\\n", "\\u0041", "\\u12", "\\or", "\\and", "\\not", " or ", " and ",
    "not ", " OR ", "Not ", "or", "and", "not", "é", "😀", "?", "true", "null", "5", "-1.5", "\"\\\"\"", "\"\\t\"",
    "a:", "a:(", " b ", "c:{", ">", "<",
  ]

  @Test func randomQueriesRoundTripOrFailCleanly() throws {
    var generator = SplitMix64(seed: 42)
    var parsed = 0
    for _ in 0..<20_000 {
      let count = Int(generator.next() % 12) + 1
      let text = (0..<count).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
      let result = KQLParser.parse(text)
      guard let query = result.query else {
        let diagnostic = try #require(result.diagnostics.first, "\(text)")
        let range = try #require(diagnostic.range)
        #expect(range.lowerBound >= 0 && range.upperBound <= text.utf8.count, "\(text)")
        continue
      }
      parsed += 1
      _ = KQLChecker.check(query)
      for printed in [KQLPrinter.canonical(query.root), KQLPrinter.pretty(query.root, width: 10)] {
        let reparsed = KQLParser.parse(printed).query?.root.erasingSourceInfo()
        #expect(reparsed == query.root.erasingSourceInfo(), "\(text) printed as \(printed)")
      }
    }
    #expect(parsed > 1_000)
  }
}
