import Testing
import VigilEQL
import VigilSyntax

/// Condition text → fully parenthesised structure, to pin down precedence and literal values.
struct StructureCase: CustomTestStringConvertible, Sendable {
  var condition: String
  var structure: String
  init(_ condition: String, _ structure: String) {
    self.condition = condition
    self.structure = structure
  }
  var testDescription: String { condition }
}

@Suite struct EQLParserTests {
  static let structures: [StructureCase] = [
    .init("a or b and c", "(or a (and b c))"),
    .init("a and b or c", "(or (and a b) c)"),
    .init("a or b or c", "(or (or a b) c)"),
    .init("not a and b", "(and (not a) b)"),
    .init("not a or not b", "(or (not a) (not b))"),
    .init("not a == 1", "(not (== a 1))"),
    .init(#"not a : "x""#, #"(not (: a "x"))"#),
    .init("not not a", "(not (not a))"),
    .init("a + b * c", "(+ a (* b c))"),
    .init("a - b - c", "(- (- a b) c)"),
    .init("a / b * c % d", "(% (* (/ a b) c) d)"),
    .init("-a * b", "(* (neg a) b)"),
    .init("-(a + b)", "(neg (+ a b))"),
    .init("-1", "-1"),
    .init("- 1.5", "-1.5d"),
    .init("-(2)", "-2"),
    .init("+a", "a"),
    .init("a + -b", "(+ a (neg b))"),
    .init(#"a + b : "x""#, #"(+ a (: b "x"))"#),
    .init(#"-a : "x""#, #"(neg (: a "x"))"#),
    .init("a == b + 1", "(== a (+ b 1))"),
    .init("a + 1 >= b * 2", "(>= (+ a 1) (* b 2))"),
    .init("a in (1, 2) == true", "(== (in a 1 2) true)"),
    .init("a not in (1)", "(not-in a 1)"),
    .init("a == b in (1)", "(== a (in b 1))"),
    .init(#"length(a) : "x*""#, #"(: (length a) "x*")"#),
    .init(#""abc" like "a*""#, #"(like "abc" "a*")"#),
    .init(#"a not in~ ("x", b)"#, #"(not-in~ a "x" b)"#),
    .init(#"a in~ ("x")"#, #"(in~ a "x")"#),
    .init("(a or b) and c", "(and (or a b) c)"),
    .init("length(a) > 2", "(> (length a) 2)"),
    .init(#"startsWith~(a, "b") and STRINGCONTAINS(c, "d")"#, #"(and (startsWith~ a "b") (stringContains c "d"))"#),
    .init(#"a : ("x", "y") and b like~ "z*""#, #"(and (: a "x" "y") (like~ b "z*"))"#),
    .init(#"a regex """\d+""""#, #"(regex a "\\d+")"#),
    .init("?a.b != null", "(!= ?a.b null)"),
    .init("`a.b`.c == 1", "(== {a.b}.c 1)"),
    .init("a == .5e1", "(== a 5.0d)"),
    .init("a == 9223372036854775807", "(== a 9223372036854775807)"),
    .init("a == -9223372036854775807", "(== a -9223372036854775807)"),
    .init("a == 1e-1", "(== a 0.1d)"),
    .init("a == 1 and /* c */ b == 2 // x", "(and (== a 1) (== b 2))"),
  ]

  @Test(arguments: structures)
  func parsesWithElasticsearchPrecedence(_ testCase: StructureCase) throws {
    let result = EQLParser.parse("any where " + testCase.condition)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    guard case .event(let filter) = try #require(result.query).body else {
      Issue.record("not an event query")
      return
    }
    #expect(SExpression.render(filter.condition) == testCase.structure)
  }

  static let strings: [(String, String)] = [
    (#""a\\b""#, #"a\b"#),
    (#""\n\t\r\"\\\'""#, "\n\t\r\"\\'"),
    (#""\b\f""#, "\u{08}\u{0C}"),
    (#""\u{41}\u{00e9}\u{1F600}""#, "Aé😀"),
    (#""""C:\Windows\*""""#, #"C:\Windows\*"#),
    (#""""a"b""""#, #"a"b"#),
    (#"""""quoted"""""#, #""quoted""#),
    (#""""""""#, ""),
    (#"""""""""#, #"""#),
    (#""""x"""""#, #"x""#),
    (#""é""#, "é"),
  ]

  @Test(arguments: strings)
  func stringLiteralsKeepTheirUnescapedValue(_ source: String, _ value: String) throws {
    let result = EQLParser.parse("any where a == " + source)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    guard case .event(let filter) = try #require(result.query).body,
      case .comparison(_, _, .literal(.string(let parsed), let range), _) = filter.condition
    else {
      Issue.record("unexpected shape")
      return
    }
    #expect(parsed == value)
    #expect(range == 15..<(15 + source.utf8.count))
  }

  @Test func sequenceCarriesEveryOption() throws {
    let text = """
      sequence by host.id, ?user.name with maxspan=5m
        [process where true] by process.entity_id with runs=2
        ![file where true] by process.parent.entity_id
      until [process where false] by process.entity_id
      | tail 3
      """
    let query = try #require(EQLParser.parse(text).validQuery)
    guard case .sequence(let sequence) = query.body else {
      Issue.record("not a sequence")
      return
    }
    #expect(sequence.keys.map(\.name) == ["host.id", "user.name"])
    #expect(sequence.keys.map(\.isOptional) == [false, true])
    #expect(sequence.maxspan?.value == 5)
    #expect(sequence.maxspan?.unit == .minutes)
    #expect(sequence.maxspan?.milliseconds == 300_000)
    #expect(sequence.terms.map(\.runs) == [2, nil])
    #expect(sequence.terms.map(\.isMissing) == [false, true])
    #expect(sequence.terms.map { $0.keys.map(\.name) } == [["process.entity_id"], ["process.parent.entity_id"]])
    #expect(sequence.terms.map(\.filter.category) == ["process", "file"])
    #expect(sequence.until?.filter.category == "process")
    #expect(query.pipes == [EQLPipe(kind: .tail, count: 3, range: query.pipes[0].range)])
    let bytes = Array(text.utf8)
    let slice = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
    #expect(slice(sequence.maxspan!.range) == "5m")
    #expect(slice(sequence.terms[0].range) == "[process where true] by process.entity_id with runs=2")
    #expect(slice(sequence.terms[0].runsRange!) == "with runs=2")
    #expect(slice(sequence.terms[1].range) == "![file where true] by process.parent.entity_id")
    #expect(slice(sequence.keys[1].range) == "?user.name")
    #expect(slice(query.pipes[0].range) == "| tail 3")
    #expect(query.range == 0..<bytes.count)
  }

  @Test func everyNodeCarriesItsSourceRange() throws {
    let text = #"process where not startsWith~(process.name, "cmd") and `my field` : ("a", "b")"#
    let query = try #require(EQLParser.parse(text).validQuery)
    guard case .event(let filter) = query.body,
      case .logical(
        .and, .not(.call(let call), let notRange), .match(_, .field(let field), let values, let matchRange), _) =
        filter.condition
    else {
      Issue.record("unexpected shape")
      return
    }
    let bytes = Array(text.utf8)
    let slice = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
    #expect(slice(filter.categoryRange) == "process")
    #expect(slice(notRange) == #"not startsWith~(process.name, "cmd")"#)
    #expect(slice(call.nameRange) == "startsWith~")
    #expect(slice(call.arguments[0].range) == "process.name")
    #expect(slice(field.range) == "`my field`")
    #expect(values.map { slice($0.range) } == [#""a""#, #""b""#])
    #expect(slice(matchRange) == #"`my field` : ("a", "b")"#)
    #expect(slice(filter.range) == text)
  }

  @Test func rangesAreByteOffsetsAfterMultiByteText() throws {
    let text = #"any where a == "é😀" and b == 1"#
    let query = try #require(EQLParser.parse(text).validQuery)
    guard case .event(let filter) = query.body,
      case .logical(_, _, .comparison(_, .field(let b), _, _), _) =
        filter.condition
    else {
      Issue.record("unexpected shape")
      return
    }
    #expect(b.range == 28..<29)
    #expect(
      SourceText(name: "q", text: text).location(ofByte: b.range.lowerBound) == SourceLocation(line: 1, column: 25))
  }

  @Test func referencedFieldsIncludeJoinKeysAndFunctionArguments() throws {
    let text = """
      sequence by host.id with maxspan=1m
        [process where length(process.args) > 1 and ?process.parent.name : "x"] by process.entity_id
        [network where destination.port in (443, source.port)] by process.entity_id
      until [process where event.type == "end"] by process.entity_id
      """
    let query = try #require(EQLParser.parse(text).validQuery)
    #expect(
      query.referencedFields == [
        "destination.port", "event.type", "host.id", "process.args", "process.entity_id", "process.parent.name",
        "source.port",
      ])
    #expect(query.fieldReferences.first?.name == "host.id")
    #expect(query.filtersEventCategory)
    #expect(query.eventFilters.map(\.category) == ["process", "network", "process"])
    let anyQuery = try #require(EQLParser.parse("any where `my field` == 1").validQuery)
    #expect(anyQuery.referencedFields == ["my field"])
    #expect(!anyQuery.filtersEventCategory)
  }

  @Test func sampleKeepsKeysPerSubquery() throws {
    let query = try #require(EQLParser.parse("sample by host.id [a where true] by x [b where true] by y").validQuery)
    guard case .sample(let sample) = query.body else {
      Issue.record("not a sample")
      return
    }
    #expect(sample.keys.map(\.name) == ["host.id"])
    #expect(sample.terms.map { $0.keys.map(\.name) } == [["x"], ["y"]])
    #expect(query.referencedFields == ["host.id", "x", "y"])
  }

  @Test func functionNamesResolveIgnoringCase() {
    for function in EQLFunction.allCases {
      #expect(EQLFunction(name: function.name.uppercased()) == function)
      #expect(EQLFunction(name: function.name.lowercased()) == function)
    }
    #expect(EQLFunction(name: "wildcard") == nil)
    #expect(
      EQLFunction.allCases.filter(\.hasCaseInsensitiveForm).map(\.name).sorted() == [
        "between", "endsWith", "indexOf", "startsWith", "stringContains",
      ])
  }
}
