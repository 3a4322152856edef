import Testing
import VigilEQL

/// Query text → canonical printed form. Every case also checks that the printed form parses back to the same AST.
struct CanonicalCase: CustomTestStringConvertible, Sendable {
  var query: String
  var canonical: String
  init(_ query: String, _ canonical: String? = nil) {
    self.query = query
    self.canonical = canonical ?? query
  }
  var testDescription: String { query }
}

@Suite struct EQLPrinterTests {
  static let cases: [CanonicalCase] = [
    // Event categories.
    .init("process where true"),
    .init("any where x == 1"),
    .init(#""process" where true"#, "process where true"),
    .init(#""my-category" where true"#),
    .init(#""""my category""" where true"#, #""my category" where true"#),
    .init(#""sequence" where true"#),
    .init(#""6cat" where true"#),
    .init("PROCESS where true"),
    // Comparisons and null.
    .init("any where a == 1 and b != 2 and c < 3 and d <= 4 and e > 5 and f >= 6"),
    .init("any where a==1", "any where a == 1"),
    .init("any where a != null and b == null"),
    // Matching operators, single values and lists.
    .init(#"any where a:"x""#, #"any where a : "x""#),
    .init(#"any where a : ("x", "y*")"#),
    .init(#"any where a : ("x")"#, #"any where a : "x""#),
    .init(#"any where a like "x*" and b like~ "y?" and c regex ".*" and d regex~ "[a-z]+""#),
    .init(
      #"any where a like ("x*", "y*") or a like~ ("z*") or a regex~ ("q.*", "r.*")"#,
      #"any where a like ("x*", "y*") or a like~ "z*" or a regex~ ("q.*", "r.*")"#),
    .init(#"any where a in ("x", "y") and b in~ ("z") and c not in (1, 2) and d not in~ ("w")"#),
    .init("any where a in (b, c + 1, length(d))"),
    // Logic and precedence: minimal parentheses.
    .init("any where a or b and c"),
    .init("any where (a or b) and c"),
    .init("any where not a and b"),
    .init("any where not (a and b)"),
    .init("any where not not a"),
    .init(#"any where not a : "x""#),
    .init("any where a and (b and c)"),
    .init("any where ((a))", "any where a"),
    .init("any where (a == 1) == true", "any where (a == 1) == true"),
    // Arithmetic.
    .init("any where a + b * c == d - e / f % g"),
    .init("any where (a + b) * c == 1"),
    .init("any where a - (b - c) == 1"),
    .init("any where a - b - c == 1"),
    .init("any where -a * b == 1"),
    .init("any where -(a * b) == 1"),
    .init("any where a == -1 and b == - 2.5 and c == +3", "any where a == -1 and b == -2.5 and c == 3"),
    .init("any where - -a == 1", "any where - -a == 1"),
    .init(#"any where a + b : "x""#),
    .init(#"any where (a + b) : "x""#),
    .init(#"any where (-1) : "x""#),
    .init(#"any where -a : "x""#),
    .init("any where a % 2 == 0"),
    // Literals.
    .init(
      "any where a == 1.5 and b == .5 and c == 5. and d == 1e3 and e == 2E-2",
      "any where a == 1.5 and b == 0.5 and c == 5.0 and d == 1000.0 and e == 0.02"),
    .init("any where a == 99999999999999999999", "any where a == 1e+20"),
    .init("any where a == true and b == false and c == null"),
    // Strings: escapes, raw strings, canonical choice between the two.
    .init(#"any where a == "C:\\Windows\\*""#, #"any where a == """C:\Windows\*""""#),
    .init(#"any where a == """C:\Windows\*""""#),
    .init(#"any where a == "say \"hi\"""#),
    .init(#"any where a == "a\"b\\c""#),
    .init(#"any where a == "tab\there\nnew\rret""#),
    .init(#"any where a == "\u{41}\u{e9}\u{1F600}""#, #"any where a == "Aé😀""#),
    .init(#"any where a == "\'""#, #"any where a == "'""#),
    .init(#"any where a == "\b\f\u{01}""#),
    .init(#"any where a == """a"b""""#, #"any where a == "a\"b""#),
    .init(#"any where a == """""""#, #"any where a == """#),
    .init(#"any where a == "héllo""#),
    // Fields.
    .init("any where ?a.b == 1 and @timestamp > 0"),
    .init("any where `my field` == 1 and a.`b-c`.d == 2"),
    .init("any where `a``b` == 1"),
    .init("any where `process`.name == 1", "any where process.name == 1"),
    .init("any where a.`in` == 1 and `sequence` == 2"),
    .init("any where `kubernetes.audit.user.extra.authentication.kubernetes.io/pod-name` == \"x\""),
    .init("any where ?`my field` == 1"),
    .init("any where _x.y_1 == 1"),
    // Functions: canonical names, `~` forms, every function.
    .init(
      #"any where startswith~(a, "x") and ENDSWITH(a, "y")"#,
      #"any where startsWith~(a, "x") and endsWith(a, "y")"#),
    .init(
      #"any where cidrmatch(source.ip, "10.0.0.0/8", "::1")"#,
      #"any where cidrMatch(source.ip, "10.0.0.0/8", "::1")"#),
    .init("any where add(a, 1) == subtract(b, 2) and multiply(c, 3) == divide(d, 4) and modulo(e, 5) == 0"),
    .init(#"any where between~(a, "x", "y", true) == "z" and between(a, "x", "y") == "z""#),
    .init(#"any where concat(a, "-", 1) == "x" and indexOf~(a, "b", 2) == 3 and length(a) > 1"#),
    .init(#"any where number("0x10", 16) == 16 and string(a) == "1" and stringContains~(a, "b")"#),
    .init(#"any where substring(a, 1, 2) == "b" and substring(a, -1) == "c""#),
    .init(#"any where length(concat(a, b)) + 1 > 2"#),
    // Comments and whitespace.
    .init("process where /* block /* nested */ still */ true // trailing", "process where true"),
    .init("process\n  where\ta == 1\r\n  and b == 2 // end\n", "process where a == 1 and b == 2"),
    // Sequences with every option.
    .init("sequence [process where true] [file where true]"),
    .init(
      "sequence by host.id, user.name with maxspan=5m [a where true] by x [b where true] by y until [c where true] by z"
    ),
    .init("sequence with maxspan=30s [a where true] with runs=3"),
    .init("sequence by k [a where true] by x with runs=2 [b where true] by y"),
    .init("sequence with maxspan=1h ![a where true] [b where true]"),
    .init("sequence with maxspan=1m [a where true] ![b where true] [c where true]"),
    .init("sequence with maxspan=500ms [a where true] [b where true]"),
    .init("sequence with maxspan=1d [a where true] [b where true]"),
    .init("sequence by ?a.b [a where true] [b where true]"),
    .init(
      "sequence\n  [a where true]\n  [b where true]\nuntil [c where true]",
      "sequence [a where true] [b where true] until [c where true]"),
    // Samples.
    .init("sample by host.id [a where true] [b where true]"),
    .init("sample [a where true] by x [b where true] by y"),
    // Pipes.
    .init("process where true | head 5"),
    .init("process where true | tail 0"),
    .init("sequence [a where true] [b where true] | head 5 | tail 2"),
  ]

  @Test(arguments: cases)
  func printsCanonicalForm(_ testCase: CanonicalCase) throws {
    let result = EQLParser.parse(testCase.query)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    let query = try #require(result.query)
    let printed = EQLPrinter.canonical(query)
    #expect(printed == testCase.canonical)
    let reparsed = try #require(EQLParser.parse(printed).query, "canonical form does not parse: \(printed)")
    #expect(reparsed.withoutRanges() == query.withoutRanges())
  }

  @Test func prettyPrintsSamplesOneSubqueryPerLine() throws {
    let query = try #require(EQLParser.parse("sample by host.id [a where x == 1] by y [b where true]").query)
    #expect(EQLPrinter(style: .pretty()).print(query) == "sample by host.id\n  [a where x == 1] by y\n  [b where true]")
  }

  @Test func printsHandBuiltTreesSoThatTheyReparseTheSame() throws {
    let none = 0..<0
    let field = EQLExpression.field(EQLField(segments: ["a"], range: none))
    let trees: [(EQLExpression, String)] = [
      (.negate(.negate(field, range: none), range: none), "- -a"),
      (.not(.logical(.or, field, field, range: none), range: none), "not (a or a)"),
      (.logical(.and, field, .logical(.and, field, field, range: none), range: none), "a and (a and a)"),
      (
        .match(.like, .literal(.integer(-1), range: none), [EQLConstant(.string("x"), range: none)], range: none),
        #"(-1) like "x""#
      ),
      (.comparison(.equal, .comparison(.less, field, field, range: none), field, range: none), "(a < a) == a"),
      (.literal(.decimal(2), range: none), "2.0"),
    ]
    for (tree, text) in trees {
      #expect(EQLPrinter.canonical(tree) == text)
      let reparsed = try #require(EQLParser.parse("any where " + text, checking: false).query)
      guard case .event(let filter) = reparsed.body else { continue }
      #expect(filter.condition.withoutRanges() == tree)
    }
  }

  @Test func prettyPrintsSubqueriesAndLongChainsOnTheirOwnLines() throws {
    let text = """
      sequence by host.id with maxspan=1m [process where event.type == "start" and process.name : ("cmd.exe", \
      "powershell.exe", "pwsh.exe") and process.parent.name : "winword.exe" and not user.name : "SYSTEM"] \
      ![file where true] until [process where event.type == "end"] | head 10
      """
    let query = try #require(EQLParser.parse(text).query)
    let expected = """
      sequence by host.id with maxspan=1m
        [process where event.type == "start" and
            process.name : ("cmd.exe", "powershell.exe", "pwsh.exe") and
            process.parent.name : "winword.exe" and
            not user.name : "SYSTEM"]
        ![file where true]
      until [process where event.type == "end"]
      | head 10
      """
    #expect(EQLPrinter(style: .pretty()).print(query) == expected)
  }
}
