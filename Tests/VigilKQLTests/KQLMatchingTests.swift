import Testing
import VigilEvents
import VigilKQL
import VigilQuery
import VigilTestSupport

/// KQL queries evaluated over events, as data: each case is a query, a document and whether it matches.
struct KQLMatchingTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var query: String
    var document: String
    var matches: Bool
    var testDescription: String { "\(query) on \(document)" }

    init(_ query: String, _ document: String, _ matches: Bool) {
      self.query = query
      self.document = document
      self.matches = matches
    }
  }

  static func evaluate(_ query: String, on document: String, now: Int64? = nil) throws -> Bool {
    let parsed = try #require(KQLParser.parse(query).query, "\(query) does not parse")
    var fields = FieldResolver()
    let lowered = KQLLowering.lower(parsed, fields: &fields, now: now, allowsAnyField: true)
    #expect(!lowered.diagnostics.hasErrors, "\(lowered.diagnostics.map(\.message))")
    let program = PredicateProgram(lowered.predicate)
    // As `vigil query` does: free text reads every field.
    let decoder = EventDecoder(catalog: fields.catalog, decodesAllFields: program.readsEveryField)
    return program.evaluate(try decoder.decode(document))
  }

  static let keywordCases: [Case] = [
    Case(#"process.name:nc"#, #"{"process":{"name":"nc"}}"#, true),
    Case(#"process.name:nc"#, #"{"process":{"name":"NC"}}"#, false),
    Case(#"process.name:"nc""#, #"{"process.name":"nc"}"#, true),
    Case(#"process.name : nc"#, #"{"process":{"name":"ncat"}}"#, false),
    Case(#"process.name:(nc or ncat or netcat)"#, #"{"process":{"name":"ncat"}}"#, true),
    Case(#"process.name:(nc or ncat) and not process.name:ncat"#, #"{"process":{"name":"ncat"}}"#, false),
    // A `caseless` multi-field holds its parent's values lower-cased, and a term on it is lower-cased too.
    Case(#"process.name.caseless:"anydesk.exe""#, #"{"process":{"name":"AnyDesk.EXE"}}"#, true),
    Case(#"process.name.caseless:"AnyDesk.exe""#, #"{"process":{"name":"anydesk.exe"}}"#, true),
    Case(#"process.name.caseless:"anydesk.exe""#, #"{"process":{"name":"AnyDesk2.exe"}}"#, false),
    Case(#"process.name:"anydesk.exe""#, #"{"process":{"name":"AnyDesk.EXE"}}"#, false),
    Case(#"process.args:-U"#, #"{"process":{"args":["nc","-U","/run/a.sock"]}}"#, true),
    Case(#"not process.args:-U"#, #"{"process":{"args":["nc","-U"]}}"#, false),
    Case(#"not process.args:-U"#, #"{"process":{"args":["nc","-l"]}}"#, true),
    Case(#"not process.args:-U"#, #"{"process":{}}"#, true),
    Case(#"process.name:nc"#, #"{"process":{"name":null}}"#, false),
    Case(#"process.name:nc"#, #"{}"#, false),
    Case(#"process.name:*"#, #"{"process":{"name":"x"}}"#, true),
    Case(#"process.name:*"#, #"{"process":{"name":null}}"#, false),
    Case(#"process.name:*"#, #"{"process":{"name":[]}}"#, false),
    Case(#"process.args:(-U and /run/a.sock)"#, #"{"process":{"args":["nc","-U","/run/a.sock"]}}"#, true),
    Case(#"process.name:\(x\)"#, #"{"process":{"name":"(x)"}}"#, true),
    Case(#"process.name:"a b\"c""#, #"{"process":{"name":"a b\"c"}}"#, true),
  ]

  static let wildcardCases: [Case] = [
    Case(#"process.executable:/tmp/*"#, #"{"process":{"executable":"/tmp/x"}}"#, true),
    Case(#"process.executable:/tmp/*"#, #"{"process":{"executable":"/TMP/x"}}"#, false),
    Case(#"process.executable:*/kworker"#, #"{"process":{"executable":"/tmp/.x/kworker"}}"#, true),
    Case(#"process.executable:"/tmp/*""#, #"{"process":{"executable":"/tmp/x"}}"#, false),
    Case(#"process.executable:"/tmp/*""#, #"{"process":{"executable":"/tmp/*"}}"#, true),
    Case(#"process.executable:/tmp/\*"#, #"{"process":{"executable":"/tmp/*"}}"#, true),
    Case(#"process.executable:/tmp/\*"#, #"{"process":{"executable":"/tmp/x"}}"#, false),
    Case(#"process.command_line:*curl*|*sh*"#, #"{"process":{"command_line":"curl x|bash -s"}}"#, true),
    Case(#"dns.question.name:*.example.c?m"#, #"{"dns":{"question":{"name":"a.example.com"}}}"#, true),
    Case(#"process.parent.executable:(/usr/bin/* or /bin/*)"#, #"{"process":{"parent":{"executable":"/bin/sh"}}}"#, true),
    Case(#"process.name.caseless:aa_V*.exe"#, #"{"process":{"name":"AA_v3.EXE"}}"#, true),
    Case(#"process.command_line.caseless:*WHOAMI*"#, #"{"process":{"command_line":"cmd /c whoami"}}"#, true),
  ]

  static let typedCases: [Case] = [
    Case(#"process.pid:1234"#, #"{"process":{"pid":1234}}"#, true),
    Case(#"process.pid:"1234""#, #"{"process":{"pid":1234}}"#, true),
    Case(#"process.pid:1234"#, #"{"process":{"pid":"1234"}}"#, true),
    Case(#"process.pid:12"#, #"{"process":{"pid":1234}}"#, false),
    Case(#"process.pid >= 1000"#, #"{"process":{"pid":1234}}"#, true),
    Case(#"process.pid < 1000"#, #"{"process":{"pid":1234}}"#, false),
    Case(#"event.risk_score > 20.5"#, #"{"event":{"risk_score":21}}"#, true),
    Case(#"destination.port:(22 or 3389)"#, #"{"destination":{"port":3389}}"#, true),
    Case(#"process.code_signature.trusted:false"#, #"{"process":{"code_signature":{"trusted":false}}}"#, true),
    Case(#"process.code_signature.trusted:true"#, #"{"process":{"code_signature":{"trusted":false}}}"#, false),
    Case(#"@timestamp >= "2026-11-02T00:00:00Z""#, #"{"@timestamp":"2026-11-02T09:00:00.000Z"}"#, true),
    Case(#"@timestamp < "2026-11-02""#, #"{"@timestamp":"2026-11-02T09:00:00.000Z"}"#, false),
    Case(#"@timestamp:"2026-11-02T09:00:00Z""#, #"{"@timestamp":"2026-11-02T09:00:00.000Z"}"#, true),
    // A date with missing parts, as Elasticsearch parses range bounds: `<=` and `>` round up to the unit's end,
    // `<` and `>=` down to its start; a term (`field:value`, Kibana's gte+lte of the value) covers the whole unit.
    Case(#"@timestamp <= 2024-05-02"#, #"{"@timestamp":"2024-05-02T10:00:00Z"}"#, true),
    Case(#"@timestamp <= 2024-05-02"#, #"{"@timestamp":"2024-05-02T23:59:59.999Z"}"#, true),
    Case(#"@timestamp <= 2024-05-02"#, #"{"@timestamp":"2024-05-03T00:00:00Z"}"#, false),
    Case(#"@timestamp < 2024-05-02"#, #"{"@timestamp":"2024-05-02T00:00:00Z"}"#, false),
    Case(#"@timestamp < 2024-05-02"#, #"{"@timestamp":"2024-05-01T23:59:59.999Z"}"#, true),
    Case(#"@timestamp > 2024-05-02"#, #"{"@timestamp":"2024-05-02T23:00:00Z"}"#, false),
    Case(#"@timestamp > 2024-05-02"#, #"{"@timestamp":"2024-05-03T00:00:00Z"}"#, true),
    Case(#"@timestamp >= 2024-05-02"#, #"{"@timestamp":"2024-05-02T00:00:00Z"}"#, true),
    Case(#"@timestamp >= 2024-05-02"#, #"{"@timestamp":"2024-05-01T23:59:59Z"}"#, false),
    Case(#"@timestamp <= "2024-05-02T10:00""#, #"{"@timestamp":"2024-05-02T10:00:59.5Z"}"#, true),
    Case(#"@timestamp <= "2024-05-02T10:00:00""#, #"{"@timestamp":"2024-05-02T10:00:00.5Z"}"#, true),
    Case(#"@timestamp <= "2024-05-02T10:00:00.000""#, #"{"@timestamp":"2024-05-02T10:00:00.5Z"}"#, false),
    Case(#"@timestamp:2024-05-02"#, #"{"@timestamp":"2024-05-02T10:00:00Z"}"#, true),
    Case(#"@timestamp:"2024-05-02""#, #"{"@timestamp":"2024-05-02T00:00:00Z"}"#, true),
    Case(#"@timestamp:2024-05-02"#, #"{"@timestamp":"2024-05-03T00:00:00Z"}"#, false),
    Case(#"@timestamp:2024-05-02"#, #"{"@timestamp":"2024-05-01T23:59:59.999Z"}"#, false),
    Case(#"@timestamp:(2024-05-01 or 2024-05-03)"#, #"{"@timestamp":"2024-05-03T18:00:00Z"}"#, true),
    // Elasticsearch's documented round-up defaults give a missing day `01`, not the month's last day.
    Case(#"@timestamp:2024-05"#, #"{"@timestamp":"2024-05-01T18:00:00Z"}"#, true),
    Case(#"@timestamp:2024-05"#, #"{"@timestamp":"2024-05-15T18:00:00Z"}"#, false),
    Case(#"message:"password for""#, #"{"message":"Failed password for root from 10.0.0.1"}"#, true),
    Case(#"message:"for password""#, #"{"message":"Failed password for root from 10.0.0.1"}"#, false),
    Case(#"message:FAILED"#, #"{"message":"Failed password for root"}"#, true),
    Case(#"message:failed accepted"#, #"{"message":"Accepted publickey"}"#, true),
    Case(#"process.command_line.text:whoami"#, #"{"process":{"command_line":"/bin/sh -c WHOAMI"}}"#, true),
    Case(#"source.ip:10.0.0.0/8"#, #"{"source":{"ip":"10.1.2.3"}}"#, true),
    Case(#"source.ip:10.0.0.0/8"#, #"{"source":{"ip":"11.1.2.3"}}"#, false),
    Case(#"source.ip:"10.1.2.3""#, #"{"source":{"ip":"10.1.2.3"}}"#, true),
    Case(#"source.ip:"::ffff:10.1.2.3""#, #"{"source":{"ip":"10.1.2.3"}}"#, true),
    Case(#"destination.ip:(fe80\:\:/10 or 127.0.0.0/8)"#, #"{"destination":{"ip":"fe80::1"}}"#, true),
    Case(#"source.ip >= 10.0.0.5"#, #"{"source":{"ip":"10.0.0.10"}}"#, true),
    Case(#"source.ip < 10.0.0.5"#, #"{"source":{"ip":"10.0.0.10"}}"#, false),
    Case(#"custom.count:5"#, #"{"custom":{"count":5}}"#, true),
    Case(#"custom.count:5"#, #"{"custom":{"count":"5"}}"#, true),
    Case(#"custom.flag:true"#, #"{"custom":{"flag":true}}"#, true),
    Case(#"custom.count > 4"#, #"{"custom":{"count":5}}"#, true),
    Case(#"custom.name >= "m""#, #"{"custom":{"name":"nc"}}"#, true),
    Case(#"user.name >= "m""#, #"{"user":{"name":"alice"}}"#, false),
  ]

  /// Free text and `*:value`: Kibana's `multi_match` (or `query_string` for wildcards) over every field, lenient, so
  /// each field matches the value by its type and fields whose type cannot take it are skipped.
  static let freeTextCases: [Case] = [
    Case(#"quick"#, #"{"message":"The quick brown fox"}"#, true),
    Case(#"QUICK"#, #"{"message":"The quick brown fox"}"#, true),
    Case(#"slow"#, #"{"message":"The quick brown fox"}"#, false),
    Case(#"quick"#, #"{"process":{"name":"quick"}}"#, true),
    Case(#"Quick"#, #"{"event":{"action":"quick"}}"#, false),
    Case(#"quick"#, #"{"event":{"action":"quick-x"}}"#, false),
    // process.name also has a `match_only_text` multi-field, analysed.
    Case(#"Quick"#, #"{"process":{"name":"quick-x"}}"#, true),
    Case(#"whoami"#, #"{"process":{"command_line":"/bin/sh -c whoami"}}"#, true),
    Case(#""quick brown""#, #"{"message":"the quick brown fox"}"#, true),
    Case(#""brown quick""#, #"{"message":"the quick brown fox"}"#, false),
    Case(#""quick brown""#, #"{"process":{"name":"quick brown"}}"#, true),
    Case(#"1234"#, #"{"process":{"pid":1234}}"#, true),
    Case(#"1234"#, #"{"process":{"pid":12345}}"#, false),
    Case(#"bash"#, #"{"process":{"pid":1234,"name":"bash"}}"#, true),
    Case(#"bash"#, #"{"process":{"pid":1234}}"#, false),
    Case(#"10.1.2.3"#, #"{"source":{"ip":"10.1.2.3"}}"#, true),
    Case(#"10.0.0.0/8"#, #"{"source":{"ip":"10.1.2.3"}}"#, true),
    Case(#"2024-05-02"#, #"{"@timestamp":"2024-05-02T10:00:00Z"}"#, true),
    Case(#"2024-05-02"#, #"{"@timestamp":"2024-05-03T10:00:00Z"}"#, false),
    Case(#"true"#, #"{"process":{"code_signature":{"trusted":true}}}"#, true),
    Case(#"quick"#, #"{"custom":{"field":["a","quick"]}}"#, true),
    Case(#"5"#, #"{"custom":{"count":5}}"#, true),
    Case(#"qu*ck"#, #"{"process":{"name":"quick"}}"#, true),
    Case(#"qu*ck"#, #"{"event":{"action":"QUICK"}}"#, false),
    Case(#"12*"#, #"{"process":{"pid":1234}}"#, false),
    Case(#"*"#, #"{"a":1}"#, true),
    Case(#"quick and process.name:bash"#, #"{"process":{"name":"bash","title":"quick"}}"#, true),
    Case(#"not quick"#, #"{"process":{"name":"bash"}}"#, true),
    Case(#"not quick"#, #"{"process":{"name":"quick"}}"#, false),
    Case(#"(slow or quick)"#, #"{"process":{"name":"quick"}}"#, true),
    Case(#"null:quick"#, #"{"process":{"name":"quick"}}"#, true),
    Case(#"*:quick"#, #"{"process":{"name":"quick"}}"#, true),
    Case(#"*:quick"#, #"{"process":{"name":"slow"}}"#, false),
    // Field patterns skip the fields whose type cannot take the value, as a lenient query does.
    Case(#"process.*:bash"#, #"{"process":{"pid":1,"name":"bash"}}"#, true),
    Case(#"process.*:bash"#, #"{"process":{"pid":1,"name":"sh"}}"#, false),
    Case(#"process.*:1234"#, #"{"process":{"pid":1234}}"#, true),
    Case(#"process.*:ba*"#, #"{"process":{"pid":1,"name":"bash"}}"#, true),
    Case(#"process.* >= m"#, #"{"process":{"pid":1,"name":"nc"}}"#, true),
  ]

  static let structureCases: [Case] = [
    Case(#""#, #"{"a":1}"#, true),
    Case(#"*:*"#, #"{"a":1}"#, true),
    Case(#"process.*.name:bash"#, #"{"process":{"parent":{"name":"bash"}}}"#, true),
    Case(#"process.*.name:bash"#, #"{"process":{"name":"bash"}}"#, false),
    Case(#"threat.enrichments:{ matched.field:file.hash.sha256 }"#,
         #"{"threat":{"enrichments":[{"matched":{"field":"file.hash.sha256"}}]}}"#, true),
    Case(#"threat.enrichments:{ matched.field:file.hash.sha256 and matched.atomic:abc }"#,
         #"{"threat":{"enrichments":[{"matched":{"field":"file.hash.sha256","atomic":"x"}},{"matched":{"field":"source.ip","atomic":"abc"}}]}}"#, false),
    Case(#"threat.enrichments:{ matched.field:file.hash.sha256 and matched.atomic:abc }"#,
         #"{"threat":{"enrichments":[{"matched":{"field":"source.ip","atomic":"x"}},{"matched":{"field":"file.hash.sha256","atomic":"abc"}}]}}"#, true),
    Case(#"threat.enrichments:{ matched.field:source.ip } and threat.enrichments.matched.atomic:x"#,
         #"{"threat":{"enrichments":[{"matched":{"field":"source.ip","atomic":"x"}}]}}"#, true),
    Case(#"a:1 or b:2 and c:3"#, #"{"a":1}"#, true),
    Case(#"(a:1 or b:2) and c:3"#, #"{"a":1}"#, false),
    Case(#"not a:1 and b:2"#, #"{"b":2}"#, true),
  ]

  @Test("keyword fields: exact, case-sensitive, any element, not means no element", arguments: keywordCases)
  func keyword(_ testCase: Case) throws {
    #expect(try Self.evaluate(testCase.query, on: testCase.document) == testCase.matches)
  }

  @Test("wildcards as Elasticsearch wildcard queries", arguments: wildcardCases)
  func wildcard(_ testCase: Case) throws {
    #expect(try Self.evaluate(testCase.query, on: testCase.document) == testCase.matches)
  }

  @Test("numbers, dates, booleans, text and unmapped fields by type", arguments: typedCases)
  func typed(_ testCase: Case) throws {
    #expect(try Self.evaluate(testCase.query, on: testCase.document) == testCase.matches)
  }

  @Test("free text and `*:value` over every field, lenient field patterns", arguments: freeTextCases)
  func freeText(_ testCase: Case) throws {
    #expect(try Self.evaluate(testCase.query, on: testCase.document) == testCase.matches)
  }

  @Test func freeTextIsAnErrorWhereOnlyNamedFieldsAreDecoded() throws {
    var fields = FieldResolver()
    let query = try #require(KQLParser.parse("quick and process.name:bash").query)
    let result = KQLLowering.lower(query, fields: &fields)
    #expect(result.diagnostics.map(\.id) == ["kql.free-text"])
    #expect(result.diagnostics.first?.range == 0..<5)
  }

  @Test("precedence, field patterns, nested, match-all", arguments: structureCases)
  func structure(_ testCase: Case) throws {
    #expect(try Self.evaluate(testCase.query, on: testCase.document) == testCase.matches)
  }

  /// detection-rules' own KQL evaluator tests (tests/kuery/test_evaluator.py), on the same document. Its fields are
  /// unmapped, so they match by their JSON types; its `ip` case is run on ECS `source.ip`, an `ip` field, since an
  /// unmapped string is a keyword in Elasticsearch.
  static let detectionRulesDocument = #"""
    {"number": 1, "boolean": true, "source": {"ip": "192.168.16.3"}, "string": "hello world",
     "string_list": ["hello world", "example"], "number_list": [1, 2, 3], "boolean_list": [true, false],
     "structured": [{"a": [{"b": 1}]}]}
    """#

  @Test("detection-rules' evaluator cases", arguments: [
    ("number:1", true), (#"number:"1""#, true), ("boolean:true", true), (#"string:"hello world""#, true),
    ("number:0", false), ("boolean:false", false), (#"string:"missing""#, false),
    ("number_list:1", true), ("number_list:2", true), ("number_list:3", true), ("boolean_list:true", true),
    ("boolean_list:false", true), (#"string_list:"hello world""#, true), ("string_list:example", true),
    ("number_list:4", false), (#"string_list:"missing""#, false),
    ("number_list:(1 and 2)", true), ("boolean_list:(false and true)", true),
    (#"string:("missing" and "hello world")"#, false), ("number:(0 and 1)", false), ("boolean:(false and true)", false),
    ("not number_list:1", false), ("number_list:(not 1)", false),
    ("number:(0 or 1)", true), ("number:(1 or 2)", true), ("boolean:(false or true)", true),
    (#"string:("missing" or "hello world")"#, true), ("number:(0 or 3)", false),
    ("number:1 and boolean:true", true), ("number:1 and boolean:false", false),
    ("number:1 or boolean:false", true), ("number:0 or boolean:false", false),
    ("number < 2", true), ("number > 2", false),
    ("source.ip:192.168.0.0/16", true), ("source.ip:10.0.0.0/8", false),
    ("string:'*'", false), ("string:'?'", false),
    ("string:hello*", true), ("string:*world", true), ("string:foobar*", false),
    ("number:*", true), ("boolean:*", true), ("source.ip:*", true), ("string:*", true), ("string_list:*", true),
    ("number_list:*", true), ("boolean_list:*", true), ("a:*", false),
    ("structured.a.b:*", true), ("structured.a.b:1", true), ("structured.a.b:2", false),
  ])
  func detectionRulesEvaluatorCases(query: String, expected: Bool) throws {
    #expect(try Self.evaluate(query, on: Self.detectionRulesDocument) == expected)
  }

  @Test func dateMathResolvesAgainstTheRunTime() throws {
    let now = Timestamp.parse(Array("2026-11-22T12:00:00Z".utf8))!
    let query = #"@timestamp >= "now-30d/d""#
    #expect(try Self.evaluate(query, on: #"{"@timestamp":"2026-10-23T00:00:00Z"}"#, now: now))
    #expect(try !Self.evaluate(query, on: #"{"@timestamp":"2026-10-22T23:59:59Z"}"#, now: now))
  }

  @Test func valuesOfTheWrongTypeAreErrors() throws {
    var fields = FieldResolver()
    let query = try #require(KQLParser.parse("process.pid:abc").query)
    let result = KQLLowering.lower(query, fields: &fields)
    #expect(result.diagnostics.map(\.message) == ["'abc' is not a number, but 'process.pid' is a long field"])
    #expect(result.diagnostics.first?.range == 12..<15)
  }

  @Test func everyCorpusKQLQueryLowersWithoutError() throws {
    guard let queries = try CorpusQuery.all(language: "kuery") else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    var fields = FieldResolver()
    var failures: [String] = []
    for query in queries {
      guard let parsed = KQLParser.parse(query.text).query else {
        failures.append("\(query): does not parse")
        continue
      }
      let result = KQLLowering.lower(parsed, fields: &fields, now: 0)
      let errors = result.diagnostics.filter { $0.severity == .error }
      if !errors.isEmpty { failures.append("\(query): \(errors.map(\.message))") }
    }
    #expect(queries.count >= 801)
    #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
  }
}
