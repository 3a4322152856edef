import Testing
import VigilKQL
import VigilSyntax
import VigilTestSupport

/// Valid query → the warnings the checker gives, as `id@column`.
struct KQLCheckerTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var warnings: [String]
    var testDescription: String { query }
  }

  static let cases: [Case] = [
    Case(query: #"a:b and c >= 5 and d < "2024-01-31T00:00:00Z" and e > now-1d and f <= 10.0.0.1"#, warnings: []),
    Case(query: "a >= abc", warnings: ["kql.range-value@6"]),
    Case(query: #"a >= "5""#, warnings: []),
    Case(query: "a >= 5*", warnings: ["kql.range-value@6"]),
    Case(query: "a:b or", warnings: ["kql.trailing-keyword@3"]),
    Case(query: "a:(x or y and)", warnings: ["kql.trailing-keyword@9"]),
    Case(query: "a:* not", warnings: ["kql.trailing-keyword@3"]),
    // ASCII values are searched by their bytes, others by Unicode's whitespace: both find the keyword.
    Case(query: "a:b\tor", warnings: ["kql.trailing-keyword@3"]),
    Case(query: "a:caf\u{E9} or", warnings: ["kql.trailing-keyword@3"]),
    Case(query: "a:caf\u{E9}\u{A0}or", warnings: ["kql.trailing-keyword@3"]),
    Case(query: "b:orchid and a:cannot", warnings: []),
    Case(query: "a:store?.gofile.io", warnings: ["kql.question-mark@3"]),
    Case(query: #"a:"what?""#, warnings: []),
    Case(query: #"a:"C:\tmp\x" or b:"\\temp""#, warnings: ["kql.control-escape@6"]),
    Case(query: #"a:"\runmru\n\u0000\u0041""#, warnings: ["kql.control-escape@4", "kql.control-escape@11",
      "kql.control-escape@13"]),
    Case(query: #"a:C\tmp"#, warnings: []),
    Case(query: "a:b or or c:d", warnings: ["kql.field-whitespace@8"]),
    Case(query: #"a:b or "or c":d"#, warnings: []),
    Case(query: "some text", warnings: ["kql.free-text@1"]),
    Case(query: "a:b and *", warnings: ["kql.free-text@9"]),
    Case(query: #"null:x or "null":y"#, warnings: ["kql.free-text@1"]),
    Case(query: "n:{ a >= x }", warnings: ["kql.range-value@10"]),
  ]

  @Test(arguments: cases)
  func warns(_ testCase: Case) throws {
    let query = try #require(KQLParser.parse(testCase.query).query)
    let source = SourceText(name: "<query>", text: testCase.query)
    let warnings = KQLChecker.check(query)
    #expect(warnings.allSatisfy { $0.severity == .warning })
    let found = warnings.map { "\($0.id)@\(source.location(ofByte: $0.range?.lowerBound ?? 0).column)" }
    #expect(found == testCase.warnings, "\(warnings.map(\.message))")
  }

  @Test func messagesNameTheProblem() throws {
    let query = try #require(KQLParser.parse(#"a:"C:\temp" and b >= high"#).query)
    let messages = KQLChecker.check(query).map(\.message)
    #expect(messages.count == 2)
    #expect(messages.first?.contains(#"'\t' in a quoted value is a tab"#) == true)
    #expect(messages.last?.contains("high is neither a number nor a date") == true)
  }

  /// The checker runs over the whole corpus without errors; the warnings it finds are printed for review.
  @Test func corpusHasNoCheckerErrors() throws {
    guard let queries = try CorpusQuery.all(language: "kuery") else {
      print(SharedData.missingMessage("corpus/detection-rules"))
      return
    }
    var counts: [String: Int] = [:]
    var samples: [String: String] = [:]
    for corpusQuery in queries {
      guard let query = KQLParser.parse(corpusQuery.text).query else { continue }
      let diagnostics = KQLChecker.check(query)
      #expect(!diagnostics.hasErrors)
      for diagnostic in diagnostics {
        counts[diagnostic.id, default: 0] += 1
        if samples[diagnostic.id] == nil {
          samples[diagnostic.id] = DiagnosticRenderer().render(
            diagnostic, in: SourceText(name: corpusQuery.path, text: corpusQuery.text))
        }
      }
    }
    for (id, count) in counts.sorted(by: { $0.key < $1.key }) {
      print("KQL checker on corpus: \(id) × \(count)\n\(samples[id] ?? "")")
    }
    #expect(counts[KQLDiagnosticID.freeText] == nil)
    #expect(counts[KQLDiagnosticID.fieldWhitespace] == nil)
    #expect(counts[KQLDiagnosticID.trailingKeyword] == nil)
    #expect(counts[KQLDiagnosticID.rangeValue] == nil)
  }
}
