import Testing
import VigilEngine
import VigilEvents
import VigilQuery
import VigilRules
import VigilTestSupport

struct KibanaFilterLoweringTests {
  static let filters: [RuleValue] = [
    .table([
      "meta": .table(["negate": .bool(true)]),
      "query": .table(["wildcard": .table(["file.path": .table(["value": .string("?:\\\\Temp\\\\*"), "case_insensitive": .bool(true)])])]),
    ]),
    .table([
      "meta": .table(["negate": .bool(false), "disabled": .bool(false)]),
      "query": .table(["match_phrase": .table(["event.category": .string("file")])]),
    ]),
    .table([
      "meta": .table(["disabled": .bool(true)]),
      "query": .table(["match_phrase": .table(["event.category": .string("never")])]),
    ]),
    .table(["query": .table(["exists": .table(["field": .string("file.name")])])]),
  ]

  @Test("filters: negate, disabled, case-insensitive wildcard, match_phrase, exists", arguments: [
    (#"{"event":{"category":"file"},"file":{"name":"a","path":"D:\\Data\\a"}}"#, true),
    (#"{"event":{"category":"file"},"file":{"name":"a","path":"c:\\temp\\a"}}"#, false),
    (#"{"event":{"category":"process"},"file":{"name":"a","path":"D:\\Data\\a"}}"#, false),
    (#"{"event":{"category":"file"},"file":{"path":"D:\\Data\\a"}}"#, false),
  ])
  func filtersMatch(document: String, expected: Bool) throws {
    var fields = FieldResolver()
    let result = KibanaFilterLowering.lower(Self.filters, fields: &fields)
    #expect(result.diagnostics.isEmpty)
    let event = try EventDecoder(catalog: fields.catalog).decode(document)
    #expect(PredicateProgram(result.predicate).evaluate(event) == expected)
  }

  @Test func unsupportedFilterTypesAreErrors() {
    var fields = FieldResolver()
    let result = KibanaFilterLowering.lower(
      [.table(["query": .table(["geo_shape": .table(["x": .string("y")])])])], fields: &fields)
    #expect(result.diagnostics.map(\.message) == ["filters of type 'geo_shape' are not supported yet"])
  }

  @Test func everyCorpusFilterLowers() throws {
    guard let root = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    var fields = FieldResolver()
    var count = 0
    for file in RuleLoader.load(paths: RulePathDiscovery(paths: [root.path]).files) {
      guard let rule = file.rule else { continue }
      for filters in [rule.filters, rule.threatMatch?.filters ?? []] where !filters.isEmpty {
        count += filters.count
        let result = KibanaFilterLowering.lower(filters, fields: &fields)
        #expect(result.diagnostics.isEmpty, "\(file.path): \(result.diagnostics.map(\.message))")
      }
    }
    #expect(count >= 80)
  }
}
