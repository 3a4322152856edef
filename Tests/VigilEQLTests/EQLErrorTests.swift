import Testing
import VigilEQL
import VigilSyntax

/// A query that must be rejected: a fragment of the message and the 1-based line and column it points at.
struct ErrorCase: CustomTestStringConvertible, Sendable {
  var query: String
  var fragment: String
  var line: Int
  var column: Int
  init(_ query: String, _ fragment: String, line: Int, column: Int) {
    self.query = query
    self.fragment = fragment
    self.line = line
    self.column = column
  }
  var testDescription: String { query.count > 60 ? String(query.prefix(60)) + "…" : query }
}

@Suite struct EQLErrorTests {
  static let cases: [ErrorCase] = [
    ErrorCase("process where a == 'x'", "use double quotes [\"] to define string literals", line: 1, column: 20),
    ErrorCase("process where a == ?\"x\"", "use triple double quotes", line: 1, column: 20),
    ErrorCase("process where a == \"\\d\"", "invalid escape sequence [\\d]", line: 1, column: 21),
    ErrorCase("process where a == \"abc", "unterminated string literal", line: 1, column: 20),
    ErrorCase("process where a == \"\"\"abc", "unterminated raw string", line: 1, column: 20),
    ErrorCase("process where a == \"\\u{1}\"", "should use [2-8] hex digits", line: 1, column: 21),
    ErrorCase("process where a == \"\\u{110000}\"", "invalid unicode character code [110000]", line: 1, column: 21),
    ErrorCase("process where a == \"\\u{zz}\"", "expected hex digits", line: 1, column: 21),
    ErrorCase("process where a = 1", "unexpected `=`", line: 1, column: 17),
    ErrorCase("process where a == 1 == 2", "comparisons cannot be chained", line: 1, column: 22),
    ErrorCase("process where a not like \"x\"", "`not` can only precede `in` or `in~`", line: 1, column: 17),
    ErrorCase("process where a : b", "expected a constant after `:`", line: 1, column: 19),
    ErrorCase("process where a like (b)", "expected a constant after `like`", line: 1, column: 23),
    ErrorCase("process where a[0] == 1", "array indexes are not supported", line: 1, column: 17),
    ErrorCase("process where descendant of [process where true]", "process relationships", line: 1, column: 15),
    ErrorCase("join [a where true] [b where true]", "`join` is not supported", line: 1, column: 1),
    ErrorCase("process where true | filter a", "pipe [filter] is not supported", line: 1, column: 22),
    ErrorCase("process where true | count", "pipe [count] is not supported", line: 1, column: 22),
    ErrorCase("process where true | sort a", "pipe [sort] is not supported", line: 1, column: 22),
    ErrorCase("process where true | unique a", "pipe [unique] is not supported", line: 1, column: 22),
    ErrorCase("process where true | unique_count a", "pipe [unique_count] is not supported", line: 1, column: 22),
    ErrorCase("process where true | heads 5", "unrecognized pipe [heads], did you mean [head]?", line: 1, column: 22),
    ErrorCase(
      "process where true | head",
      "pipe [head] expects exactly one argument but found [0]", line: 1, column: 20),
    ErrorCase(
      "process where true | head 1, 2",
      "pipe [head] expects exactly one argument but found [2]", line: 1, column: 20),
    ErrorCase("process where true | tail -1", "pipe [tail] expects a positive integer", line: 1, column: 27),
    ErrorCase("process where true | head 1.5", "pipe [head] expects a positive integer", line: 1, column: 27),
    ErrorCase("process where true | head 1 extra", "expected end of query or `|`, found `extra`", line: 1, column: 29),
    ErrorCase("process where a AND b", "expected end of query or `|`, found `AND`", line: 1, column: 17),
    ErrorCase(
      "SEQUENCE [a where true] [b where true]",
      "expected `where` after the event category", line: 1, column: 10),
    ErrorCase("process where", "expected an expression, found end of query", line: 1, column: 14),
    ErrorCase("process", "expected `where` after the event category, found end of query", line: 1, column: 8),
    ErrorCase("where true", "expected an event category or `any`", line: 1, column: 1),
    ErrorCase("`process` where true", "escaped with double quotes, not backquotes", line: 1, column: 1),
    ErrorCase(
      "process where a == 1 [file where true]",
      "unexpected subquery after an event query", line: 1, column: 22),
    ErrorCase(
      "sequence with maxspan=5m by h [a where true] [b where true]",
      "specify sequence [by] before [with]", line: 1, column: 26),
    ErrorCase(
      "sequence with maxspan=5 [a where true] [b where true]",
      "did you mean [s] as in [5s]?", line: 1, column: 23),
    ErrorCase(
      "sequence with maxspan=5x [a where true] [b where true]",
      "unrecognized time unit [x] in [5x]", line: 1, column: 24),
    ErrorCase(
      "sequence with maxspan=5M [a where true] [b where true]",
      "unrecognized time unit [M]", line: 1, column: 24),
    ErrorCase(
      "sequence with maxspan=1.5m [a where true] [b where true]",
      "decimal time interval [1.5] not supported", line: 1, column: 23),
    ErrorCase(
      "sequence with maxspan=0s [a where true] [b where true]",
      "a positive maxspan value is required; found [0]", line: 1, column: 23),
    ErrorCase("sequence with runs=2 [a where true]", "expected `maxspan`", line: 1, column: 15),
    ErrorCase("sequence [a where true] with maxspan=5m [b where true]", "expected `runs`", line: 1, column: 30),
    ErrorCase("sequence [a where true] with foo=2", "unrecognized option [foo], expecting [runs]", line: 1, column: 30),
    ErrorCase("sequence [a where true] with runs=1.5", "runs must be a whole number", line: 1, column: 35),
    ErrorCase("sequence", "expected `[` to start the first subquery of the sequence", line: 1, column: 9),
    ErrorCase("sequence [a where true]", "a sequence requires a minimum of 2 queries, found [1]", line: 1, column: 10),
    ErrorCase("sequence [a where true] with runs=0", "runs must be between 1 and 100; found [0]", line: 1, column: 25),
    ErrorCase(
      "sequence [a where true] with runs=101",
      "runs must be between 1 and 100; found [101]", line: 1, column: 25),
    ErrorCase("sequence ![a where true] ![b where true]", "at least one positive event query", line: 1, column: 1),
    ErrorCase(
      "sequence [a where true] ![b where true] [c where true]",
      "missing events `![…]` requires `with maxspan=`", line: 1, column: 25),
    ErrorCase(
      "sequence [a where true] [b where true] until ![c where true]",
      "cannot be a missing event", line: 1, column: 46),
    ErrorCase(
      "sequence [a where true] [b where true] until [c where true] with runs=2",
      "cannot be used on an `until` query", line: 1, column: 61),
    ErrorCase(
      "sequence [a where true] by x [b where true]",
      "inconsistent number of join keys specified; expected [1] but found [0]", line: 1, column: 30),
    ErrorCase("sequence [a where true] by x [b where true] by y, z", "expected [1] but found [2]", line: 1, column: 48),
    ErrorCase("sample by h [a where true]", "a sample requires a minimum of 2 queries, found [1]", line: 1, column: 13),
    ErrorCase(
      "sample [a where true] ![b where true]",
      "missing events `![…]` are only supported in sequences", line: 1, column: 23),
    ErrorCase(
      "sample [a where true] [b where true] until [c where true]",
      "`until` is only supported in sequences", line: 1, column: 38),
    ErrorCase("sample with maxspan=1m [a where true] [b where true]", "expected `[`", line: 1, column: 8),
    ErrorCase(
      "sequence by length(x) [a where true] [b where true]",
      "a join key must be a field name", line: 1, column: 13),
    ErrorCase("process where foo(a)", "unknown function [foo]", line: 1, column: 15),
    ErrorCase("process where wildcard(a, \"x*\")", "unknown function [wildcard]", line: 1, column: 15),
    ErrorCase("process where startswith(a)", "function [startsWith] takes 2 arguments, found [1]", line: 1, column: 15),
    ErrorCase(
      "process where substring(a)",
      "function [substring] takes 2 to 3 arguments, found [1]", line: 1, column: 15),
    ErrorCase(
      "process where concat() == \"x\"",
      "function [concat] takes at least 1 argument, found [0]", line: 1, column: 15),
    ErrorCase("process where length~(a) > 1", "function [length] has no case-insensitive form", line: 1, column: 15),
    ErrorCase(
      "process where cidrMatch(a, b)",
      "second argument of [cidrMatch] must be a string constant", line: 1, column: 28),
    ErrorCase(
      "process where length(1) > 1",
      "first argument of [length] must be a string; found integer [1]", line: 1, column: 22),
    ErrorCase(
      "process where add(a, \"x\") > 1",
      "second argument of [add] must be a number; found string [x]", line: 1, column: 22),
    ErrorCase(
      "process where between(a, \"x\", \"y\", \"z\") == \"q\"",
      "fourth argument of [between] must be a boolean", line: 1, column: 36),
    ErrorCase(
      "process where substring(a, \"1\") == \"q\"",
      "second argument of [substring] must be an integer", line: 1, column: 28),
    ErrorCase("process where a like 1", "`like` needs string values; found integer [1]", line: 1, column: 22),
    ErrorCase("process where a : true", "`:` needs string values; found boolean [true]", line: 1, column: 19),
    ErrorCase(
      "process where a regex~ (\"x\", 2)",
      "`regex~` needs string values; found integer [2]", line: 1, column: 30),
    ErrorCase("process where a in ()", "expected an expression, found `)`", line: 1, column: 21),
    ErrorCase("process where (a == 1", "expected `)` to close `(`, found end of query", line: 1, column: 22),
    ErrorCase("process where a == 1 /* x", "unterminated block comment", line: 1, column: 22),
    ErrorCase("process where a == 1 & b", "unexpected character `&`", line: 1, column: 22),
    ErrorCase("process where a == 1 €", "unexpected character `€`", line: 1, column: 22),
    ErrorCase(
      "process where a.sequence == 1",
      "expected a field name after `.`, found `sequence`", line: 1, column: 17),
    ErrorCase("process where ? == 1", "expected a field name after `?`", line: 1, column: 17),
    ErrorCase("process where startsWith~ == 1", "expected `(` after function name `startsWith~`", line: 1, column: 27),
    ErrorCase("process where a == 1 and\n  b == \"x\ny\"", "cannot span lines", line: 2, column: 8),
    ErrorCase(
      "process where " + String(repeating: "(", count: 300) + "a" + String(repeating: ")", count: 300),
      "nested too deeply", line: 1, column: 0),
  ]

  @Test(arguments: cases)
  func rejectsWithMessageAndPosition(_ testCase: ErrorCase) {
    let result = EQLParser.parse(testCase.query)
    #expect(result.validQuery == nil)
    let source = SourceText(name: "<query>", text: testCase.query)
    let matching = result.diagnostics.first { $0.message.contains(testCase.fragment) }
    let all = result.diagnostics.map {
      "\(DiagnosticRenderer.location(of: $0, in: source)?.description ?? "-") \($0.message)"
    }
    guard let diagnostic = matching else {
      Issue.record("no diagnostic contains \"\(testCase.fragment)\"; got \(all)")
      return
    }
    #expect(diagnostic.severity == .error)
    if testCase.column > 0 {
      let location = DiagnosticRenderer.location(of: diagnostic, in: source)
      #expect(location == SourceLocation(line: testCase.line, column: testCase.column), "\(all)")
    }
  }

  @Test func rendersCaretUnderTheOffendingToken() {
    let text = "process where process.name == 'cmd.exe'"
    let result = EQLParser.parse(text)
    let rendered = result.diagnostics.map { DiagnosticRenderer().render($0, in: SourceText(name: "q", text: text)) }
    #expect(
      rendered == [
        """
        q:1:31: error: use double quotes ["] to define string literals, not single quotes [']
            process where process.name == 'cmd.exe'
                                          ^~~~~~~~~
        """
      ])
  }

  @Test func notesHelpWithUpperCaseKeywordsAndEscapes() {
    let upper = EQLParser.parse("process where a == 1 AND b == 2").diagnostics
    #expect(upper.first?.notes.contains("EQL keywords are lower case: write `and`") == true)
    let escape = EQLParser.parse(#"file where file.path == "C:\Windows""#).diagnostics
    #expect(escape.first?.notes.first?.contains("raw string") == true)
    let keywordField = EQLParser.parse("any where event.sequence == 1").diagnostics
    #expect(keywordField.first?.notes.first?.contains("backquotes") == true)
  }

  @Test func collectsAllCheckerErrorsButStopsAtTheFirstSyntaxError() {
    let checked = EQLParser.parse("any where length(1) > 1 and foo.bar like 2 and add(1) == 1")
    #expect(checked.query != nil)
    #expect(checked.diagnostics.map(\.id) == ["eql.argument", "eql.type", "eql.arity"])
    let syntax = EQLParser.parse("any where a == 'x' and b == 'y'")
    #expect(syntax.query == nil)
    #expect(syntax.diagnostics.count == 1)
  }

  @Test func skipsCheckingWhenAsked() {
    let result = EQLParser.parse("sequence [a where true]", checking: false)
    #expect(result.diagnostics.isEmpty)
    #expect(result.validQuery != nil)
  }
}
