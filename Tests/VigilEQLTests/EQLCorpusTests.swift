import Testing
import VigilEQL
import VigilSyntax
import VigilTestSupport

/// Every EQL query of the detection-rules corpus parses, checks, and survives a print/parse round trip.
@Suite struct EQLCorpusTests {
  @Test func everyCorpusRuleParsesChecksAndRoundTrips() throws {
    guard let queries = try CorpusQuery.all(language: "eql") else {
      print(SharedData.missingMessage("corpus/detection-rules"))
      return
    }
    let deprecated = queries.filter { $0.path.contains("/_deprecated/") }.count
    #expect(queries.count - deprecated >= 1_024)
    var failures: [String] = []
    var roundTripFailures: [String] = []
    var shapes: [String: Int] = [:]
    for corpusQuery in queries {
      let result = EQLParser.parse(corpusQuery.text)
      let source = SourceText(name: corpusQuery.path, text: corpusQuery.text)
      guard let query = result.query, !result.diagnostics.hasErrors else {
        let rendered = result.diagnostics.map { DiagnosticRenderer().render($0, in: source) }
        failures.append(rendered.joined(separator: "\n"))
        continue
      }
      switch query.body {
      case .event: shapes["event", default: 0] += 1
      case .sequence: shapes["sequence", default: 0] += 1
      case .sample: shapes["sample", default: 0] += 1
      }
      for style in [EQLPrinter.Style.compact, .pretty()] {
        let printed = EQLPrinter(style: style).print(query)
        let reparsed = EQLParser.parse(printed)
        if reparsed.query?.withoutRanges() != query.withoutRanges() || reparsed.diagnostics.hasErrors {
          roundTripFailures.append("\(corpusQuery.path)\n\(printed)\n\(reparsed.diagnostics.map(\.message))")
        }
      }
    }
    print(
      "EQL corpus: \(queries.count) queries (\(deprecated) deprecated), \(failures.count) failing,",
      "shapes \(shapes.sorted { $0.key < $1.key })")
    #expect(failures.isEmpty, "\(failures.count) failing:\n\(failures.prefix(10).joined(separator: "\n\n"))")
    #expect(
      roundTripFailures.isEmpty,
      "\(roundTripFailures.count) round trips differ:\n\(roundTripFailures.prefix(5).joined(separator: "\n\n"))")
  }
}
