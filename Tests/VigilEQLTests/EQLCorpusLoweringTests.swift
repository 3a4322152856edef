import Testing
import VigilEQL
import VigilQuery
import VigilSyntax
import VigilTestSupport

/// Every EQL query of the detection-rules corpus lowers without errors.
@Suite struct EQLCorpusLoweringTests {
  @Test func everyCorpusQueryLowers() throws {
    guard let queries = try CorpusQuery.all(language: "eql") else {
      print(SharedData.missingMessage("corpus/detection-rules"))
      return
    }
    var failures: [String] = []
    var filters = 0
    var computed = 0
    var sequences = 0
    var unsupportedSequences: [String] = []
    var fields = FieldResolver()
    for corpusQuery in queries {
      guard let query = EQLParser.parse(corpusQuery.text).validQuery else { continue }
      let lowered = EQLLowering.lower(query, fields: &fields)
      let source = SourceText(name: corpusQuery.path, text: corpusQuery.text)
      let errors = lowered.diagnostics.filter { $0.severity == .error }
      if !errors.isEmpty {
        failures.append(errors.map { DiagnosticRenderer().render($0, in: source) }.joined(separator: "\n"))
      }
      if case .sequence(let sequence) = lowered.body {
        sequences += 1
        if let reason = EQLSequenceMatcher.unsupportedReason(sequence) {
          unsupportedSequences.append("\(corpusQuery.path): \(reason)")
        } else {
          _ = EQLSequenceMatcher(sequence)
        }
      }
      for predicate in lowered.predicates {
        filters += 1
        if Self.hasExpression(predicate) { computed += 1 }
        _ = PredicateProgram(predicate)
      }
    }
    print(
      "EQL corpus lowering: \(queries.count) queries, \(filters) filters, \(computed) with computed conditions,",
      "\(failures.count) failing, \(fields.catalog.count) fields; \(sequences) sequences,",
      "\(unsupportedSequences.count) not runnable yet: \(unsupportedSequences)")
    #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n\n"))")
  }

  static func hasExpression(_ predicate: Predicate) -> Bool {
    switch predicate {
    case .expression: true
    case .constant, .test, .anyField: false
    case .not(let inner): hasExpression(inner)
    case .and(let items), .or(let items): items.contains(where: hasExpression)
    }
  }
}
