import Testing
import VigilESQL
import VigilSyntax

/// Bad queries give an error whose message holds a fragment and whose caret sits at a line and column.
struct ESQLDiagnosticTests {
  static let cases: [(String, String, Int, Int)] = [
    ("", "empty query", 1, 1),
    ("WHERE a", "must start with FROM", 1, 1),
    ("FROM a | FROM b", "FROM can only start a query", 1, 10),
    ("FROM a | FOO x", "unknown command 'FOO'", 1, 10),
    ("FROM a | ROW x = 1", "ROW command is not supported", 1, 10),
    ("FROM a | ENRICH policy ON x", "ENRICH command is not supported", 1, 10),
    ("FROM a | LOOKUP JOIN t ON k", "LOOKUP JOIN command is not supported", 1, 10),
    ("FROM a |", "expected a command after '|'", 1, 8),
    ("ROW a = 1", "the ROW command is not supported by Vigil", 1, 1),
    ("FROM a | SHOW info", "the SHOW command is not supported by Vigil", 1, 10),
    ("FROM a | WHERE and", "expected an expression, found 'and'", 1, 16),
    ("FROM a | WHERE x == 1e999", "number 1e999 is out of range", 1, 21),
    ("FROM a | WHERE x LIKE (\"a\", 1)", "expected a pattern string, found '1'", 1, 29),
    ("FROM a | WHERE MATCH(f, \"x\", {\"k\": y})", "expected a constant, found 'y'", 1, 36),
    ("FROM a | WHERE x == \"a\nb\"", "unterminated string", 1, 21),
    ("FROM a | WHERE", "expected an expression, found end of query", 1, 15),
    ("FROM a | WHERE x ==", "expected an expression, found end of query", 1, 20),
    ("FROM a | WHERE x = 1", "use '==' to compare", 1, 18),
    ("FROM a | WHERE x == 1 == 2", "expected '|' or end of query, found '=='", 1, 23),
    ("FROM a | WHERE (x == 1", "expected ')'", 1, 23),
    ("FROM a | WHERE x LIKE y", "expected a pattern string", 1, 23),
    ("FROM a | WHERE x IN 1", "expected '(' after IN", 1, 21),
    ("FROM a | WHERE x NOT NULL", "expected LIKE, RLIKE or IN after NOT", 1, 22),
    ("FROM a | WHERE x IS NOT", "expected NULL", 1, 24),
    ("FROM a | WHERE x == \"abc", "unterminated string", 1, 21),
    ("FROM a | WHERE x == \"a\\qb\"", "invalid escape sequence '\\q'", 1, 23),
    ("FROM a | WHERE x == \"\"\"abc", "unterminated triple-quoted string", 1, 21),
    ("FROM a | WHERE `x == 1", "unterminated quoted identifier", 1, 16),
    ("FROM a | WHERE x == 1 /* open", "unterminated comment", 1, 23),
    ("FROM a | WHERE x == ?p", "query parameters are not supported", 1, 21),
    ("FROM a | WHERE x # 1", "unexpected character '#'", 1, 18),
    ("FROM a | WHERE x > 5 dayz", "unknown time unit 'dayz'", 1, 22),
    ("FROM a | WHERE f(x) : \"y\"", "left side of ':' must be a field name", 1, 21),
    ("FROM a | WHERE x.", "expected a field name after '.'", 1, 18),
    ("FROM a | EVAL x = ", "expected an expression", 1, 19),
    ("FROM a | EVAL x = COUNT(*)", "aggregate function COUNT is only allowed in STATS", 1, 19),
    ("FROM a | EVAL x = FOO(1)", "unknown function FOO", 1, 19),
    ("FROM a | EVAL x = TO_LOWER(a, b)", "TO_LOWER takes 1 argument, found 2", 1, 19),
    ("FROM a | EVAL x = DATE_DIFF(\"hour\", a)", "DATE_DIFF takes 3 arguments, found 2", 1, 19),
    ("FROM a | EVAL x = CONCAT(a)", "CONCAT takes at least 2 arguments, found 1", 1, 19),
    ("FROM a | EVAL x = ROUND()", "ROUND takes between 1 and 2 arguments, found 0", 1, 19),
    ("FROM a | EVAL x = TO_STRING(*)", "'*' is only allowed in COUNT(*)", 1, 29),
    ("FROM a | EVAL x = TO_STRING(a, {\"k\": 1})", "TO_STRING takes no options map", 1, 19),
    ("FROM a | EVAL x = a::wat", "unknown type 'wat'", 1, 19),
    ("FROM a | EVAL x = KQL(\"a:b\")", "full-text function KQL can only be used in WHERE", 1, 19),
    ("FROM a | STATS x = a + 1", "expected an aggregate function", 1, 20),
    ("FROM a | STATS x = COUNT(MAX(a))", "cannot be nested", 1, 26),
    (
      "FROM a | STATS x = COUNT(*) BY COUNT(*)", "aggregate function COUNT is only allowed in STATS aggregations", 1, 32
    ),
    ("FROM a | STATS", "expected an aggregation or BY", 1, 15),
    ("FROM a | STATS c = COUNT(*) BY", "expected an expression", 1, 31),
    ("FROM a | INLINE x", "expected STATS", 1, 17),
    ("FROM a | EVAL b = BUCKET(a, 1 hour)", "grouping function BUCKET is only allowed in STATS", 1, 19),
    ("FROM a | KEEP", "expected a column name or pattern", 1, 14),
    ("FROM a | KEEP a.", "invalid column name 'a.'", 1, 15),
    ("FROM a | RENAME a b", "expected AS or '='", 1, 19),
    ("FROM a | SORT a NULLS", "expected FIRST or LAST after NULLS", 1, 22),
    ("FROM a | LIMIT -1", "expected a non-negative integer after LIMIT", 1, 16),
    ("FROM a | LIMIT x", "expected a non-negative integer after LIMIT", 1, 16),
    ("FROM a | MV_EXPAND a*", "expected '|' or end of query, found '*'", 1, 21),
    ("FROM a | DISSECT m", "expected a dissect pattern string", 1, 19),
    ("FROM a | DISSECT m \"%{a}\" SEP=\"x\"", "unknown DISSECT option 'SEP'", 1, 27),
    ("FROM a | DISSECT m \"no keys\"", "extracts no %{key}", 1, 20),
    ("FROM a | GROK m \"plain\"", "GROK pattern extracts no field", 1, 17),
    ("FROM a | COMPLETION p", "expected WITH", 1, 22),
    ("FROM a | WHERE x IN (1,)", "expected an expression, found ')'", 1, 24),
    ("FROM a | WHERE f(1,", "expected an expression, found end of query", 1, 20),
    ("FROM a | WHERE x == [1, [2]]", "lists cannot be nested", 1, 25),
    ("FROM a\n| WHERE x ==\n| LIMIT 1", "expected an expression, found '|'", 3, 1),
    // Column references after STATS.
    ("FROM a | STATS c = COUNT(*) BY h | WHERE x > 1", "unknown column 'x'; after STATS only 'c', 'h' exist", 1, 42),
    ("FROM a | STATS COUNT(*) | EVAL y = c", "unknown column 'c'; after STATS only 'COUNT(*)' exist", 1, 36),
    ("FROM a | STATS c = COUNT(*) | KEEP h*", "no column matches 'h*'", 1, 36),
    ("FROM a | STATS c = COUNT(*) | KEEP c | SORT _id", "unknown column '_id'", 1, 45),
    ("FROM a | STATS c = COUNT(*) | RENAME x AS y", "unknown column 'x'", 1, 38),
    (
      "FROM a | STATS c = COUNT(*) | DROP c | WHERE c > 1", "unknown column 'c'; after STATS only no columns exist", 1,
      46
    ),
    ("FROM a | STATS c = COUNT(*) BY h | RENAME h AS g | MV_EXPAND h", "unknown column 'h'", 1, 62),
  ]

  @Test("errors carry a message and a caret", arguments: cases)
  func reports(text: String, fragment: String, line: Int, column: Int) throws {
    let result = ESQLParser.parse(text)
    #expect(result.query == nil)
    let error = try #require(result.diagnostics.first { $0.severity == .error })
    #expect(error.message.contains(fragment), "message: \(error.message)")
    let source = SourceText(name: "<query>", text: text)
    #expect(DiagnosticRenderer.location(of: error, in: source) == SourceLocation(line: line, column: column))
  }

  @Test func columnsAfterStatsFollowThePipeline() throws {
    let text = """
      FROM a METADATA _id | EVAL x = 1 | INLINE STATS n = COUNT(*) BY h | STATS c = COUNT(*), v = VALUES(_id) BY h
      | EVAL d = c * 2 | RENAME h AS host | DISSECT host "%{k}.%{rest}" | KEEP host, d, k, v* | SORT d DESC
      | DROP v* | MV_EXPAND k | WHERE `host` != "x" AND k IS NOT NULL
      """
    let result = ESQLParser.parse(text)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
  }

  @Test func rendersWithCaret() throws {
    let text = "FROM logs-*\n| WHERE process.name == \"cmd.exe\" AND\n| LIMIT 10"
    let result = ESQLParser.parse(text)
    let error = try #require(result.diagnostics.first)
    #expect(error.id == "esql.syntax")
    #expect(
      DiagnosticRenderer().render(error, in: SourceText(name: "rule.toml", text: text)) == """
        rule.toml:3:1: error: expected an expression, found '|'
            | LIMIT 10
            ^
        """)
  }

  @Test func reportsOneErrorPerBrokenCommandAndCarriesOn() {
    let result = ESQLParser.parse("FROM a | WHERE x == | EVAL y = | KEEP z")
    #expect(result.diagnostics.filter { $0.severity == .error }.count == 2)
  }

  @Test func completionParsesWithAWarningAndIsFlagged() throws {
    let result = ESQLParser.parse("FROM a | COMPLETION r = p WITH {\"inference_id\": \"e\"} | KEEP r")
    let query = try #require(result.query)
    #expect(query.requiresInference)
    #expect(result.diagnostics.map(\.id) == ["esql.requires-inference"])
    #expect(result.diagnostics.first?.severity == .warning)
    guard case .completion(let completion) = query.commands[1].kind else {
      Issue.record("expected COMPLETION")
      return
    }
    #expect(completion.inferenceID == "e")
    #expect(completion.outputColumn == "r")
  }
}
