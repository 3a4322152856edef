import Testing
import VigilEvents
import VigilKQL
import VigilQuery
import VigilSyntax
import VigilTestSupport

/// Lucene queries (`language = "lucene"`) as Elasticsearch's `query_string` reads them: structure, matching, errors.
struct LuceneTests {
  static func evaluate(_ query: String, on document: String) throws -> Bool {
    let parsed = try #require(LuceneParser.parse(query).query, "\(query) does not parse")
    var fields = FieldResolver()
    let lowered = LuceneLowering.lower(parsed, fields: &fields, now: 0, allowsAnyField: true)
    #expect(!lowered.diagnostics.hasErrors, "\(lowered.diagnostics.map(\.message))")
    let program = PredicateProgram(lowered.predicate)
    let decoder = EventDecoder(catalog: fields.catalog, decodesAllFields: program.readsEveryField)
    return program.evaluate(try decoder.decode(document))
  }

  /// The occurrence of each top-level clause, with the term each one holds.
  static func clauses(_ query: String) throws -> [String] {
    let parsed = try #require(LuceneParser.parse(query).query, "\(query) does not parse")
    guard case .group(let clauses) = parsed.root else { return [] }
    return clauses.map { clause in
      let occur =
        switch clause.occur {
        case .must: "+"
        case .should: ""
        case .mustNot: "-"
        }
      guard case .term(let field, .word(let parts), _) = clause.node, case .text(let text)? = parts.first else {
        return occur + "?"
      }
      return occur + (field.map { $0 + ":" } ?? "") + text
    }
  }

  @Test func clausesOccurAsLucenesClassicParserMakesThem() throws {
    #expect(try Self.clauses("a b") == ["a", "b"])
    #expect(try Self.clauses("a AND b") == ["+a", "+b"])
    #expect(try Self.clauses("a && b || c") == ["+a", "+b", "c"])
    // AND makes the clause before it required; OR does not make it optional again.
    #expect(try Self.clauses("a OR b AND c") == ["a", "+b", "+c"])
    #expect(try Self.clauses("a AND NOT b") == ["+a", "-b"])
    #expect(try Self.clauses("+a -b !c NOT d") == ["+a", "-b", "-c", "-d"])
    // Operators are upper case only, and + and - inside a word are part of it.
    #expect(try Self.clauses("a or b") == ["a", "or", "b"])
    #expect(try Self.clauses("f:g+s f:x-y") == ["f:g+s", "f:x-y"])
    #expect(try Self.clauses("f : v ANDROID") == ["f:v", "ANDROID"])
  }

  @Test func lowerCaseOperatorWordsAreTermsWithAWarning() throws {
    let result = LuceneParser.parse("event.type:(start or process_started) AND NOT user.name:root")
    #expect(result.query != nil)
    #expect(result.diagnostics.map(\.id) == ["lucene.lower-case-operator"])
    #expect(result.diagnostics.first?.range == 18..<20)
    #expect(LuceneParser.parse("event.type:(start OR process_started)").diagnostics.isEmpty)
  }

  @Test(arguments: [
    (#"f:"open"#, "unterminated quoted string"),
    ("f:(a OR b", "unclosed '('"),
    ("a)", "unexpected ')'"),
    ("AND a", "a query cannot start with AND or OR"),
    ("f:()", "empty group"),
    ("f:", "expected a term"),
    ("f:/ab", "unterminated regular expression"),
    ("f:[1 5]", "expected TO in a range"),
    ("f:a^", "expected a number after '^'"),
  ])
  func syntaxErrorsAreReported(query: String, message: String) {
    let result = LuceneParser.parse(query)
    #expect(result.query == nil)
    #expect(result.diagnostics.map(\.message) == [message])
  }

  static let cases: [(String, String, Bool)] = [
    // The pack's Lucene rule, "Setgid Bit Set via chmod".
    (
      "event.category:process AND event.type:(start or process_started) AND process.name:chmod AND "
        + "process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:root",
      #"{"event":{"category":"process","type":"start"},"process":{"name":"chmod","args":["chmod","2755","x"]},"user":{"name":"bob"}}"#,
      true
    ),
    (
      "process.name:chmod AND process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:root",
      #"{"process":{"name":"chmod","args":["chmod","755","x"]},"user":{"name":"bob"}}"#, false
    ),
    (
      "process.name:chmod AND process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:root",
      #"{"process":{"name":"chmod","args":["chmod","g+s","x"]},"user":{"name":"root"}}"#, false
    ),
    // Lower-case `or` is a term, so the group also matches the value "or".
    ("event.type:(start or process_started)", #"{"event":{"type":"or"}}"#, true),
    // `a OR b AND c`: a alone does not match.
    ("process.name:a OR process.name:b AND host.name:c", #"{"process":{"name":"a"},"host":{"name":"x"}}"#, false),
    ("process.name:a OR process.name:b AND host.name:c", #"{"process":{"name":"b"},"host":{"name":"c"}}"#, true),
    // A group of prohibited clauses alone matches everything else.
    ("process.name:(-a -b)", #"{"process":{"name":"c"}}"#, true),
    ("process.name:(-a -b)", #"{"process":{"name":"b"}}"#, false),
    ("-process.name:a", #"{}"#, true),
    // Wildcards, `?` included; escapes make them literal.
    ("process.name:n?at", #"{"process":{"name":"ncat"}}"#, true),
    ("process.name:n?at", #"{"process":{"name":"nccat"}}"#, false),
    (#"process.name:a\*b"#, #"{"process":{"name":"a*b"}}"#, true),
    (#"process.name:a\*b"#, #"{"process":{"name":"axb"}}"#, false),
    ("process.executable:\\/usr\\/bin\\/*", #"{"process":{"executable":"/usr/bin/ls"}}"#, true),
    ("process.name:*", #"{"process":{"name":"x"}}"#, true),
    ("process.name:*", #"{"process":{}}"#, false),
    ("_exists_:process.name", #"{"process":{"name":"x"}}"#, true),
    ("NOT _exists_:process.name", #"{"process":{"name":"x"}}"#, false),
    // Phrases and regular expressions match keyword values whole.
    (#"process.command_line:"nc -U /run/a""#, #"{"process":{"command_line":"nc -U /run/a"}}"#, true),
    ("process.name:/n(c|cat)/", #"{"process":{"name":"ncat"}}"#, true),
    ("process.name:/n(c|cat)/", #"{"process":{"name":"ncats"}}"#, false),
    // Ranges, brackets inclusive, braces exclusive, `*` open; Elasticsearch's `>=` form.
    ("process.pid:[10 TO 20]", #"{"process":{"pid":20}}"#, true),
    ("process.pid:[10 TO 20}", #"{"process":{"pid":20}}"#, false),
    ("process.pid:{10 TO *]", #"{"process":{"pid":11}}"#, true),
    ("process.pid:>=10", #"{"process":{"pid":10}}"#, true),
    ("process.pid:>10", #"{"process":{"pid":10}}"#, false),
    ("process.pid:<10", #"{"process":{"pid":9}}"#, true),
    // Boosts change scores, not matches.
    ("process.name:nc^2 AND host.name:(h1 OR h2)^0.5", #"{"process":{"name":"nc"},"host":{"name":"h2"}}"#, true),
    // No field: every field, as Elasticsearch's default `*`.
    ("ncat", #"{"process":{"name":"ncat"}}"#, true),
    ("*", #"{}"#, true),
  ]

  @Test(arguments: cases)
  func queriesMatchAsQueryStringDoes(query: String, document: String, matches: Bool) throws {
    #expect(try Self.evaluate(query, on: document) == matches)
  }

  @Test(arguments: [
    ("process.name:ncat~1", "lucene.fuzzy"),
    (#"process.command_line:"a b"~2"#, "lucene.fuzzy"),
    ("process.pid:/1.*/", "lucene.regex-field"),
    ("process.name:/a[/", "lucene.regex"),
    ("/nc.*/", "lucene.any-field"),
  ])
  func unsupportedOrInvalidTermsAreErrors(query: String, id: String) throws {
    let parsed = try #require(LuceneParser.parse(query).query)
    var fields = FieldResolver()
    let lowered = LuceneLowering.lower(parsed, fields: &fields, allowsAnyField: true)
    #expect(lowered.diagnostics.filter { $0.severity == .error }.map(\.id) == [id])
  }

  /// Random text made of the syntax's special characters never crashes the parser or the lowering: a query parses,
  /// or it fails with exactly one error that points inside the text.
  @Test func randomTextParsesOrFailsWithOneError() {
    var random = SplitMix64(seed: 8)
    let pieces = [
      "a", "f:", "AND", "OR", "NOT", "&&", "||", "!", "+", "-", "(", ")", "[", "]", "{", "}", "\"", "\\", "/", "*",
      "?", "~", "^", "2", ":", " ", "TO", "_exists_:", "process.name:", ">=", "<", "é", "\u{3000}",
    ]
    for _ in 0..<3_000 {
      let text = (0..<Int.random(in: 1...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
        .joined()
      let result = LuceneParser.parse(text)
      if let query = result.query {
        var fields = FieldResolver()
        _ = LuceneLowering.lower(query, fields: &fields, now: 0, allowsAnyField: true)
      } else {
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(text)")
        if let range = errors.first?.range { #expect(range.upperBound <= text.utf8.count + 1, "\(text)") }
      }
    }
  }
}
