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

  /// Corpus rules name every computed column `Esql.*` (or `Esql_priv.*`); such names are never document fields,
  /// so none may show up among the fields a query reads.
  @Test func computedColumnsAreNotDocumentFields() throws {
    guard let queries = try Self.corpus() else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return
    }
    var all = Set<String>()
    var leaks: [String] = []
    for query in queries {
      guard let parsed = ESQLParser.parse(query.text).query else { continue }
      for field in parsed.referencedFields {
        all.insert(field)
        if field.hasPrefix("Esql.") || field.hasPrefix("Esql_priv.") { leaks.append("\(query.path): \(field)") }
      }
      #expect(!parsed.referencedFields.isEmpty, "\(query.path)")
    }
    #expect(leaks.isEmpty, "\(leaks.prefix(10))")
    print("ES|QL corpus reads \(all.count) distinct document fields")
  }
}
