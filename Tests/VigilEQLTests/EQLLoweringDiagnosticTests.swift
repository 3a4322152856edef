import Testing
import VigilEQL
import VigilQuery
import VigilSyntax

/// Lowering errors carry the id and the byte range of what Elasticsearch would reject.
@Suite struct EQLLoweringDiagnosticTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var id: String
    /// The text the error's range covers.
    var covers: String
    var testDescription: String { query }
  }

  static let cases: [Case] = [
    Case(query: "any where a.b == c.d", id: "eql.field-comparison", covers: "a.b == c.d"),
    Case(query: #"any where x in ("a", y)"#, id: "eql.field-comparison", covers: "y"),
    Case(query: #"any where process.pid == "abc""#, id: "eql.value-type", covers: #""abc""#),
    Case(query: #"any where source.ip < "x""#, id: "eql.value-type", covers: #""x""#),
    Case(query: #"any where @timestamp > "yesterday""#, id: "eql.value-type", covers: #""yesterday""#),
    Case(query: #"any where cidrMatch(source.ip, "10.0.0.0/99")"#, id: "eql.cidr", covers: #""10.0.0.0/99""#),
    Case(query: #"any where process.name regex "a(""#, id: "eql.regex", covers: #""a(""#),
    Case(query: #"any where length(a) > 1 and b regex~ "[""#, id: "eql.regex", covers: #""[""#),
  ]

  @Test(arguments: cases)
  func errorsPointAtTheirSource(_ test: Case) throws {
    let query = try #require(EQLParser.parse(test.query).validQuery)
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(query, fields: &fields)
    let error = try #require(lowered.diagnostics.first { $0.severity == .error })
    #expect(error.id == test.id)
    let range = try #require(error.range)
    let bytes = Array(test.query.utf8)[range]
    #expect(String(decoding: bytes, as: UTF8.self) == test.covers)
  }

  @Test func aFilterLowersAlone() throws {
    let query = try #require(EQLParser.parse(#"process where process.name == "nc""#).validQuery)
    guard case .event(let filter) = query.body else {
      Issue.record("not an event query")
      return
    }
    var fields = FieldResolver()
    let result = EQLLowering.lower(filter, fields: &fields, eventCategoryField: "event.type")
    #expect(result.diagnostics.isEmpty)
    #expect(fields.catalog.id("event.type") != nil)
    #expect(fields.catalog.id("event.category") == nil)
  }
}
