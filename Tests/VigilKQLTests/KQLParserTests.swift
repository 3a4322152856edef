import Testing
import VigilKQL

/// Query → tree, one row per grammar point (Kibana's `grammar.peggy` is the reference).
struct KQLParserTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var tree: String
    var testDescription: String { query }
  }

  static let cases: [Case] = [
    // field:value, quoted and unquoted
    Case(query: "process.name:cmd.exe", tree: "(is process.name cmd.exe)"),
    Case(query: #"process.name:"cmd.exe""#, tree: #"(is process.name "cmd.exe")"#),
    Case(query: "process.name : cmd.exe", tree: "(is process.name cmd.exe)"),
    Case(query: "  a:b  ", tree: "(is a b)"),
    Case(query: "a:\tb\n", tree: "(is a b)"),
    // empty query: Kibana's match-all
    Case(query: "", tree: "(all)"),
    Case(query: "   ", tree: "(all)"),
    // unquoted values run over spaces up to a keyword
    Case(query: "a:b c", tree: "(is a 'b c')"),
    Case(query: "a:b  c  ", tree: "(is a 'b  c')"),
    Case(query: "a:b or", tree: "(is a 'b or')"),
    Case(query: "a:b and", tree: "(is a 'b and')"),
    Case(query: "a:color", tree: "(is a color)"),
    Case(query: "a:orange and b:android", tree: "(and (is a orange) (is b android))"),
    Case(query: "a:not", tree: "(is a not)"),
    Case(query: "a:notepad", tree: "(is a notepad)"),
    Case(query: "notepad:x", tree: "(is notepad x)"),
    // quoted phrases
    Case(query: #"a:"b c""#, tree: #"(is a "b c")"#),
    Case(query: #"a:"b or c""#, tree: #"(is a "b or c")"#),
    Case(query: #"a:"""#, tree: #"(is a "")"#),
    Case(query: #"a:"x*y?""#, tree: #"(is a "x*y?")"#),
    // escapes in quoted strings: \\ \" \t \r \n \uXXXX; others kept
    Case(query: #"a:"C:\\Windows""#, tree: #"(is a "C:\\Windows")"#),
    Case(query: #"a:"C:\Windows""#, tree: #"(is a "C:\\Windows")"#),
    Case(query: #"a:"say \"hi\"""#, tree: #"(is a "say \"hi\"")"#),
    Case(query: #"a:"a\tb\rc\nd""#, tree: #"(is a "a\tb\rc\nd")"#),
    Case(query: #"a:"\u0041\u00e9""#, tree: #"(is a "Aé")"#),
    Case(query: #"a:"\u00""#, tree: #"(is a "\\u00")"#),
    Case(query: #"a:"\*\(""#, tree: #"(is a "\\*\\(")"#),
    Case(query: #"a:"\ud83d\ude00""#, tree: #"(is a "😀")"#),
    // escapes in unquoted values
    Case(query: #"a:C\:\\Windows"#, tree: #"(is a 'C:\\Windows')"#),
    Case(query: #"a:\(x\)"#, tree: "(is a '(x)')"),
    Case(query: #"a:\<\>\{\}"#, tree: "(is a <>{})"),
    Case(query: #"a:say\"hi\""#, tree: #"(is a 'say"hi"')"#),
    Case(query: #"a:x\*"#, tree: #"(is a 'x\*')"#),
    Case(query: #"a:x\ty"#, tree: #"(is a 'x\ty')"#),
    Case(query: #"a:\u0041b"#, tree: "(is a Ab)"),
    Case(query: #"a:b \or c"#, tree: "(is a 'b or c')"),
    Case(query: #"a:b \AND c"#, tree: "(is a 'b AND c')"),
    Case(query: #"a:x\not"#, tree: #"(is a 'x\not')"#),
    Case(query: #"a:\not"#, tree: "(is a ot)"),
    Case(query: #"a:\tb\t"#, tree: "(is a b)"),
    Case(query: #"a:\\\(\)\:\<\>\"\*"#, tree: #"(is a '\\():<>"\*')"#),
    Case(query: #"a:\\u00A0"#, tree: #"(is a '\\u00A0')"#),
    // wildcards: only unescaped `*` in unquoted literals
    Case(query: "a:x*", tree: "(is a x*)"),
    Case(query: "a:*x*", tree: "(is a *x*)"),
    Case(query: "a:*x y*", tree: "(is a '*x y*')"),
    Case(query: "a:x?y", tree: "(is a x?y)"),
    Case(query: "a:x\\*y*", tree: #"(is a 'x\*y*')"#),
    // exists, match-all forms
    Case(query: "a:*", tree: "(is a *)"),
    Case(query: "*:*", tree: "(is * *)"),
    Case(query: "a:**", tree: "(is a **)"),
    // wildcard field names
    Case(query: "process.*.name:x", tree: "(is process.*.name x)"),
    Case(query: "*.name:x", tree: "(is *.name x)"),
    Case(query: #""a b":c"#, tree: #"(is "a b" c)"#),
    Case(query: #""proc*":c"#, tree: #"(is "proc*" c)"#),
    Case(query: #"a\:b:c"#, tree: "(is 'a:b' c)"),
    // boolean operators: not > and > or, case-insensitive keywords
    Case(query: "a:1 or b:2 and c:3", tree: "(or (is a 1) (and (is b 2) (is c 3)))"),
    Case(query: "a:1 and b:2 or c:3", tree: "(or (and (is a 1) (is b 2)) (is c 3))"),
    Case(query: "not a:1 and b:2", tree: "(and (not (is a 1)) (is b 2))"),
    Case(query: "not (a:1 and b:2)", tree: "(not (and (is a 1) (is b 2)))"),
    Case(query: "a:1 and (b:2 or c:3)", tree: "(and (is a 1) (or (is b 2) (is c 3)))"),
    Case(query: "a:1 and (b:2 and c:3)", tree: "(and (is a 1) (and (is b 2) (is c 3)))"),
    Case(query: "a:1 AND b:2 Or NOT c:3", tree: "(or (and (is a 1) (is b 2)) (not (is c 3)))"),
    Case(query: "a:1 and b:2 and c:3", tree: "(and (is a 1) (is b 2) (is c 3))"),
    Case(query: "foo or bar and baz or qux", tree: "(or (text foo) (and (text bar) (text baz)) (text qux))"),
    Case(query: "not a.b: * and c:1234567", tree: "(and (not (is a.b *)) (is c 1234567))"),
    Case(query: "a:1\nand\tb:2", tree: "(and (is a 1) (is b 2))"),
    Case(query: "((a:1))", tree: "(is a 1)"),
    Case(query: "( a:1 or b:2 )", tree: "(or (is a 1) (is b 2))"),
    Case(query: "not   a:1", tree: "(not (is a 1))"),
    // value lists
    Case(query: "a:(b or c)", tree: "(is a (or b c))"),
    Case(query: "a:(b or c and not d)", tree: "(is a (or b (and c (not d))))"),
    Case(query: #"a:( "b" OR c* )"#, tree: #"(is a (or "b" c*))"#),
    Case(query: "a:(b)", tree: "(is a b)"),
    Case(query: "a:((b or c) and d)", tree: "(is a (and (or b c) d))"),
    Case(query: "a:(not (b or c))", tree: "(is a (not (or b c)))"),
    Case(query: "a:(b or)", tree: "(is a 'b or')"),
    Case(query: "a:(b c or d e)", tree: "(is a (or 'b c' 'd e'))"),
    // ranges
    Case(query: "a >= 5", tree: "(range a >= 5)"),
    Case(query: "a>5", tree: "(range a > 5)"),
    Case(query: "a < 2020-01-01", tree: "(range a < 2020-01-01)"),
    Case(query: #"a <= "abc""#, tree: #"(range a <= "abc")"#),
    Case(query: "a >= 5 and b:c", tree: "(and (range a >= 5) (is b c))"),
    Case(query: "a >= now-1d", tree: "(range a >= now-1d)"),
    // nested
    Case(query: "a:{ b:c }", tree: "(nested a (is b c))"),
    Case(query: "a:{b:c and d:(e or f)}", tree: "(nested a (and (is b c) (is d (or e f))))"),
    Case(query: "a : { b:{ c:d } }", tree: "(nested a (nested b (is c d)))"),
    // free text
    Case(query: "value", tree: "(text value)"),
    Case(query: #""a phrase""#, tree: #"(text "a phrase")"#),
    Case(query: "foo bar", tree: "(text 'foo bar')"),
    Case(query: "foo and bar", tree: "(and (text foo) (text bar))"),
    Case(query: "*", tree: "(text *)"),
    Case(query: "a:b and not", tree: "(and (is a b) (text not))"),
    // keyword values: Kibana reads these unquoted words as booleans/null, kept as text here
    Case(query: "a:true and b:null", tree: "(and (is a true) (is b null))"),
    // non-ASCII
    Case(query: "user.name:José and a:\u{00A0}b", tree: "(and (is user.name José) (is a b))"),
    Case(query: "a:b\u{00A0}or\u{00A0}c:d", tree: "(or (is a b) (is c d))"),
  ]

  @Test(arguments: cases)
  func parsesToTree(_ testCase: Case) throws {
    let result = KQLParser.parse(testCase.query)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let query = try #require(result.query)
    #expect(KQLPrinter.tree(query.root) == testCase.tree)
  }

  @Test(arguments: cases)
  func canonicalFormReparsesToSameTree(_ testCase: Case) throws {
    let query = try #require(KQLParser.parse(testCase.query).query)
    let printed = KQLPrinter.canonical(query.root)
    let reparsed = try #require(KQLParser.parse(printed).query, "canonical form \(printed) does not parse")
    #expect(reparsed.root.erasingSourceInfo() == query.root.erasingSourceInfo(), "\(printed)")
  }

  @Test func literalsKeepRawTextRangeAndFlags() throws {
    let text = #"a:( "b c" or x\:y* )"#
    let query = try #require(KQLParser.parse(text).query)
    guard case .match(let field?, let value) = query.root.kind else {
      Issue.record("not a match: \(query.root)")
      return
    }
    #expect(field.raw == "a" && field.range == 0..<1)
    #expect(value.range == 2..<text.utf8.count)
    let values = value.values
    #expect(values.map(\.raw) == [#""b c""#, #"x\:y*"#])
    #expect(values.map(\.text) == ["b c", "x:y*"])
    #expect(values.map(\.isQuoted) == [true, false])
    #expect(values.map(\.hasWildcard) == [false, true])
    #expect(values[1].parts == [.text("x:y"), .wildcard])
    #expect(values.map(\.range) == [4..<9, 13..<18])
  }

  @Test func unquotedRangeExcludesTrailingSpaces() throws {
    let query = try #require(KQLParser.parse("a:b c   ").query)
    guard case .match(_, let value) = query.root.kind, case .value(let literal) = value.kind else {
      Issue.record("unexpected tree")
      return
    }
    #expect(literal.range == 2..<5)
    #expect(literal.raw == "b c")
  }

  @Test func nodeRangesCoverOperatorsAndParentheses() throws {
    let text = "not (a:1 or b:2) and c >= 3"
    let query = try #require(KQLParser.parse(text).query)
    #expect(query.root.range == 0..<text.utf8.count)
    guard case .and(let items) = query.root.kind else {
      Issue.record("not an and")
      return
    }
    #expect(items[0].range == 0..<16)
    #expect(items[0].children[0].range == 4..<16)
    #expect(items[1].range == 21..<27)
  }

  @Test func invalidUTF8IsReadAsReplacementCharacters() throws {
    let bytes: [UInt8] = [0x61, 0x3A, 0xFF, 0x62, 0x20, 0x6F, 0x72, 0x20, 0x63, 0x3A, 0xE2, 0x82]
    let query = try #require(KQLParser.parse(bytes: bytes).query)
    #expect(KQLPrinter.tree(query.root) == "(or (is a \u{FFFD}b) (is c \u{FFFD}\u{FFFD}))")
    #expect(query.root.range == 0..<bytes.count)
  }

  @Test func keywordValuesAreRecognised() throws {
    #expect(KQLLiteral("true").keywordValue == .true)
    #expect(KQLLiteral("null").keywordValue == .null)
    #expect(KQLLiteral("true", quoted: true).keywordValue == nil)
    #expect(KQLLiteral("tru*").keywordValue == nil)
    #expect(KQLLiteral("*").isLoneWildcard)
    #expect(!KQLLiteral("*", quoted: true).isLoneWildcard)
  }
}
