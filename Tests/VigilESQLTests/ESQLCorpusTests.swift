import Testing
import VigilESQL
import VigilSyntax
import VigilTestSupport

/// Every ES|QL query of the detection-rules corpus parses, checks, prints and re-parses to the same AST.
struct ESQLCorpusTests {
  static func corpus() throws -> [CorpusQuery]? {
    try CorpusQuery.all(language: "esql")
  }

  @Test func everyCorpusQueryParsesWithoutError() throws {
    guard let queries = try Self.corpus() else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return
    }
    #expect(queries.count >= 209)
    var failures: [String] = []
    var aggregating = 0
    var completion = 0
    for query in queries {
      let result = ESQLParser.parse(query.text)
      if result.query == nil || result.diagnostics.contains(where: { $0.severity == .error }) {
        let source = SourceText(name: query.path, text: query.text)
        failures.append(result.diagnostics.map { DiagnosticRenderer().render($0, in: source) }.joined(separator: "\n"))
      }
      if result.query?.isAggregating == true { aggregating += 1 }
      if result.query?.requiresInference == true { completion += 1 }
    }
    #expect(
      failures.isEmpty, "\(failures.count) of \(queries.count) failed:\n\(failures.prefix(20).joined(separator: "\n"))")
    print(
      "ES|QL corpus: \(queries.count) queries, \(queries.count - failures.count) parse, \(aggregating) aggregating, "
        + "\(completion) with COMPLETION")
    #expect(completion >= 7)
  }

  @Test func corpusQueriesRoundTripThroughThePrinter() throws {
    guard let queries = try Self.corpus() else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return
    }
    var mismatches: [String] = []
    for query in queries {
      guard let parsed = ESQLParser.parse(query.text).query else { continue }
      for layout in [ESQLPrinter.Layout.multiline, .singleLine] {
        let printed = ESQLPrinter(layout: layout).print(parsed)
        let reparsed = ESQLParser.parse(printed)
        if reparsed.query?.commands != parsed.commands {
          mismatches.append("\(query.path):\n\(printed)\n\(reparsed.diagnostics.map(\.message))")
        }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(5).joined(separator: "\n\n"))")
  }
}
