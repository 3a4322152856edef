import Testing
import VigilKQL

/// Query → the fields it reads (`pattern:` marks wildcard patterns, `nested:` nested paths).
struct KQLFieldReferenceTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var fields: [String]
    var testDescription: String { query }
  }

  static let cases: [Case] = [
    Case(query: "", fields: []),
    Case(query: "a:b and c:(d or e) and not a:f", fields: ["a", "c"]),
    Case(query: "x >= 5 or y:*", fields: ["x", "y"]),
    Case(query: "process.*.name:x and file.hash.*:y", fields: ["pattern:process.*.name", "pattern:file.hash.*"]),
    Case(query: #""a*":b"#, fields: ["a*"]),
    Case(query: "free text", fields: ["pattern:*"]),
    Case(query: "*:x and a:b", fields: ["pattern:*", "a"]),
    Case(query: "n:{ a:b and m:{ c:* } }", fields: ["nested:n", "n.a", "nested:n.m", "n.m.c"]),
    Case(query: #"a\:b:c"#, fields: ["a:b"]),
    Case(query: #"null:x and "null":y"#, fields: ["pattern:*", "null"]),
  ]

  @Test(arguments: cases)
  func collectsReferencedFields(_ testCase: Case) throws {
    let query = try #require(KQLParser.parse(testCase.query).query)
    let fields = query.referencedFields.map { reference in
      (reference.isPattern ? "pattern:" : "") + (reference.isNestedPath ? "nested:" : "") + reference.name
    }
    #expect(fields == testCase.fields)
  }
}
