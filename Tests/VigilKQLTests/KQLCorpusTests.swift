import Testing
import VigilKQL
import VigilSyntax
import VigilTestSupport

/// Every KQL query of the detection-rules corpus parses, and its printed forms parse back to the same tree.
struct KQLCorpusTests {
  static func corpus() throws -> [CorpusQuery]? {
    try CorpusQuery.all(language: "kuery")
  }

  @Test func everyCorpusQueryParses() throws {
    guard let queries = try Self.corpus() else {
      print(SharedData.missingMessage("corpus/detection-rules"))
      return
    }
    let ruleQueries = queries.filter { $0.origin == .query }
    let threatQueries = queries.filter { $0.origin == .threatQuery }
    #expect(ruleQueries.count >= 729)
    #expect(threatQueries.count >= 6)
    var failures: [String] = []
    for query in queries {
      let result = KQLParser.parse(query.text)
      if result.query == nil || result.diagnostics.hasErrors {
        let source = SourceText(name: query.description, text: query.text)
        failures += result.diagnostics.map { DiagnosticRenderer().render($0, in: source) }
      }
    }
    let shown = failures.prefix(10).joined(separator: "\n")
    #expect(failures.isEmpty, "\(failures.count) of \(queries.count) fail:\n\(shown)")
    print("KQL corpus: \(queries.count - failures.count) of \(queries.count) queries parse "
      + "(\(ruleQueries.count) rule queries, \(threatQueries.count) threat queries)")
  }

  @Test func corpusRoundTripsThroughCanonicalAndPrettyForms() throws {
    guard let queries = try Self.corpus() else {
      print(SharedData.missingMessage("corpus/detection-rules"))
      return
    }
    var mismatches: [String] = []
    for corpusQuery in queries {
      guard let query = KQLParser.parse(corpusQuery.text).query else { continue }
      let original = query.root.erasingSourceInfo()
      for printed in [KQLPrinter.canonical(query.root), KQLPrinter.pretty(query.root, width: 60)] {
        let reparsed = KQLParser.parse(printed).query?.root.erasingSourceInfo()
        if reparsed != original { mismatches.append("\(corpusQuery): \(printed)") }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(5).joined(separator: "\n"))")
  }
}
