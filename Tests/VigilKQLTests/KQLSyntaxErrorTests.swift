import Testing
import VigilKQL
import VigilSyntax

/// Bad query → the first error: its id, a fragment of its message, and the column of the caret (1-based).
struct KQLSyntaxErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var id: String
    var message: String
    var column: Int
    var width = 1
    var testDescription: String { query }
  }

  static let cases: [Case] = [
    Case(query: "a:", id: KQLDiagnosticID.expected, message: "expected a value after ':', found the end", column: 3,
      width: 0),
    Case(query: "a: ", id: KQLDiagnosticID.expected, message: "expected a value after ':'", column: 4, width: 0),
    Case(query: "a:)", id: KQLDiagnosticID.expected, message: "expected a value after ':', found ')'", column: 3),
    Case(query: "a:b and ", id: KQLDiagnosticID.expected, message: "expected a query after 'and'", column: 9,
      width: 0),
    Case(query: "a:b OR )", id: KQLDiagnosticID.expected, message: "expected a query after 'OR', found ')'",
      column: 8),
    Case(query: "not ", id: KQLDiagnosticID.expected, message: "expected a query after 'not'", column: 5, width: 0),
    Case(query: "not not a:b", id: KQLDiagnosticID.expected, message: "expected a query after 'not', found 'not'",
      column: 5, width: 3),
    Case(query: "a:not b", id: KQLDiagnosticID.expected, message: "expected a value after ':', found 'not'",
      column: 3, width: 3),
    Case(query: "a:(not not b)", id: KQLDiagnosticID.expected, message: "expected a value after 'not'", column: 8,
      width: 3),
    Case(query: "(a:b", id: KQLDiagnosticID.unbalanced, message: "unbalanced parenthesis: '(' is never closed",
      column: 1),
    Case(query: "a:(b or c", id: KQLDiagnosticID.unbalanced, message: "unbalanced parenthesis: '(' is never closed",
      column: 3),
    Case(query: "a:b)", id: KQLDiagnosticID.unbalanced, message: "unbalanced parenthesis: unexpected ')'", column: 4),
    Case(query: ")", id: KQLDiagnosticID.unbalanced, message: "unbalanced parenthesis: unexpected ')'", column: 1),
    Case(query: "(a:b))", id: KQLDiagnosticID.unbalanced, message: "unexpected ')'", column: 6),
    Case(query: "a:{ b:c", id: KQLDiagnosticID.unbalanced, message: "unbalanced brace: '{' is never closed",
      column: 3),
    Case(query: "a:b }", id: KQLDiagnosticID.unbalanced, message: "unbalanced brace: unexpected '}'", column: 5),
    Case(query: "()", id: KQLDiagnosticID.expected, message: "empty parentheses", column: 2),
    Case(query: "a:()", id: KQLDiagnosticID.expected, message: "empty value list", column: 4),
    Case(query: "a:( )", id: KQLDiagnosticID.expected, message: "empty value list", column: 5),
    Case(query: "a:(b or )", id: KQLDiagnosticID.expected, message: "expected a value after 'or', found ')'",
      column: 9),
    Case(query: #"a:"b"#, id: KQLDiagnosticID.unterminatedString, message: "unterminated quoted string", column: 3),
    Case(query: #"a:"b\""#, id: KQLDiagnosticID.unterminatedString, message: "unterminated quoted string",
      column: 3),
    Case(query: #"a:C:\Windows"#, id: KQLDiagnosticID.unexpected, message: "unexpected ':'", column: 4),
    Case(query: #"a:C\Windows"#, id: KQLDiagnosticID.invalidEscape, message: #"invalid escape '\W'"#, column: 4,
      width: 2),
    Case(query: #"a:\x"#, id: KQLDiagnosticID.invalidEscape, message: #"invalid escape '\x'"#, column: 3, width: 2),
    Case(query: #"a:b\"#, id: KQLDiagnosticID.invalidEscape, message: "at the end of the query", column: 4),
    Case(query: "a:b c:d", id: KQLDiagnosticID.unexpected,
      message: "unexpected ':'; expected 'and', 'or' or the end of the query", column: 6),
    Case(query: #"a:"b" c"#, id: KQLDiagnosticID.unexpected, message: "unexpected 'c'", column: 7),
    Case(query: #"a:"b"and c:d"#, id: KQLDiagnosticID.unexpected, message: "unexpected 'a'", column: 6),
    Case(query: "a:cannot be", id: KQLDiagnosticID.unexpected, message: "unexpected 'not'", column: 6, width: 3),
    Case(query: ":b", id: KQLDiagnosticID.expected, message: "expected a field name before ':'", column: 1),
    Case(query: ">= 5", id: KQLDiagnosticID.expected, message: "expected a field name before '>'", column: 1),
    Case(query: "a >= ", id: KQLDiagnosticID.expected, message: "expected a value after '>='", column: 6, width: 0),
    Case(query: "a >= (5)", id: KQLDiagnosticID.expected, message: "expected a value after '>=', found '('",
      column: 6),
    Case(query: "a:>5", id: KQLDiagnosticID.expected, message: "expected a value after ':', found '>'", column: 3),
    Case(query: "a:b or(c:d)", id: KQLDiagnosticID.unexpected, message: "unexpected '('", column: 7),
    Case(query: "not(a:b)", id: KQLDiagnosticID.unexpected, message: "unexpected '('", column: 4),
    Case(query: "a:{}", id: KQLDiagnosticID.expected, message: "expected a query after '{', found '}'", column: 4),
    Case(query: "a:(b:c)", id: KQLDiagnosticID.unexpected, message: "unexpected ':'", column: 5),
    Case(query: "é:b c:d", id: KQLDiagnosticID.unexpected, message: "unexpected ':'", column: 6),
  ]

  @Test(arguments: cases)
  func reportsFirstError(_ testCase: Case) throws {
    let result = KQLParser.parse(testCase.query)
    #expect(result.query == nil)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(result.diagnostics.count == 1)
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.id == testCase.id)
    #expect(diagnostic.message.contains(testCase.message), "\(diagnostic.message)")
    let range = try #require(diagnostic.range)
    let source = SourceText(name: "<query>", text: testCase.query)
    #expect(source.location(ofByte: range.lowerBound).column == testCase.column)
    #expect(range.count == testCase.width, "range \(range)")
  }

  @Test func deepNestingIsAnErrorNotACrash() throws {
    let limit = KQLParser.maximumNesting
    let fits = String(repeating: "(", count: limit) + "a:b" + String(repeating: ")", count: limit)
    #expect(KQLParser.parse(fits).query != nil)
    let values = "a:" + String(repeating: "(", count: limit) + "b" + String(repeating: ")", count: limit)
    #expect(KQLParser.parse(values).query != nil)
    for text in [
      String(repeating: "(", count: 100_000) + "a:b",
      String(repeating: "a:{", count: limit + 1) + "b:c" + String(repeating: "}", count: limit + 1),
      "a:" + String(repeating: "(not ", count: limit + 1) + "b",
    ] {
      let diagnostic = try #require(KQLParser.parse(text).diagnostics.first)
      #expect(diagnostic.id == KQLDiagnosticID.tooDeep)
    }
  }

  @Test func rendersWithCaretUnderTheToken() {
    let text = #"process.name:C\Windows and a:b"#
    let diagnostic = KQLParser.parse(text).diagnostics[0]
    let rendered = DiagnosticRenderer().render(diagnostic, in: SourceText(name: "<query>", text: text))
    #expect(
      rendered.hasPrefix(
        #"""
        <query>:1:15: error: invalid escape '\W' in an unquoted value
            process.name:C\Windows and a:b
                          ^~
        """#))
  }
}
