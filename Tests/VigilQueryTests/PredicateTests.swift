import Testing
import VigilEvents
import VigilQuery

struct PredicateTests {
  static let catalog = FieldCatalog(["process.name", "process.args", "process.pid", "event.ingested", "flag", "user.name"])
  static func id(_ path: String) -> FieldID { catalog.id(path)! }

  static func test(_ path: String, _ condition: FieldCondition) -> Predicate {
    .test(FieldTest(field: id(path), condition: condition))
  }

  static func keyword(_ path: String, _ values: [String], ignoringCase: Bool = false) -> Predicate {
    test(path, .keywordIn(ByteStringSet(values, foldingCase: ignoringCase)))
  }

  /// The operands of `predicate`, an `or` of `count` of them; `nil`, recording an issue, for another shape.
  static func operands(ofOr predicate: Predicate, count: Int) -> [Predicate]? {
    guard case .or(let operands) = predicate, operands.count == count else {
      Issue.record("unexpected shape \(predicate)")
      return nil
    }
    return operands
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var json: String
    var predicate: Predicate
    var matches: Bool
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "keyword exact", json: #"{"process":{"name":"nc"}}"#, predicate: keyword("process.name", ["nc"]), matches: true),
    Case(name: "keyword is case-sensitive", json: #"{"process":{"name":"NC"}}"#, predicate: keyword("process.name", ["nc"]), matches: false),
    Case(name: "keyword folded", json: #"{"process":{"name":"NC"}}"#, predicate: keyword("process.name", ["nc"], ignoringCase: true), matches: true),
    Case(name: "non-ASCII folded", json: #"{"user":{"name":"ÉLODIE"}}"#, predicate: keyword("user.name", ["élodie"], ignoringCase: true), matches: true),
    Case(name: "escaped string compared unescaped", json: #"{"process":{"name":"a\"b"}}"#, predicate: keyword("process.name", ["a\"b"]), matches: true),
    Case(name: "any array element", json: #"{"process":{"args":["nc","-U","/run/x.sock"]}}"#, predicate: keyword("process.args", ["-U"]), matches: true),
    Case(name: "not: no element", json: #"{"process":{"args":["nc","-U"]}}"#, predicate: .not(keyword("process.args", ["-U"])), matches: false),
    Case(name: "missing field never matches", json: #"{"process":{}}"#, predicate: keyword("process.name", ["nc"]), matches: false),
    Case(name: "null never matches", json: #"{"process":{"name":null}}"#, predicate: test("process.name", .exists), matches: false),
    Case(name: "empty array does not exist", json: #"{"process":{"args":[]}}"#, predicate: test("process.args", .exists), matches: false),
    Case(name: "exists with a null element", json: #"{"process":{"args":[null,"x"]}}"#, predicate: test("process.args", .exists), matches: true),
    Case(name: "number as keyword text", json: #"{"process":{"name":1234}}"#, predicate: keyword("process.name", ["1234"]), matches: true),
    Case(name: "number range inclusive", json: #"{"process":{"pid":10}}"#, predicate: test("process.pid", .number(Interval(lower: Bound(.int(10), inclusive: true)))), matches: true),
    Case(name: "number range exclusive", json: #"{"process":{"pid":10}}"#, predicate: test("process.pid", .number(Interval(lower: Bound(.int(10), inclusive: false)))), matches: false),
    Case(name: "numeric string coerced", json: #"{"process":{"pid":"10"}}"#, predicate: test("process.pid", .number(.exactly(.double(10)))), matches: true),
    Case(name: "int against fractional bound", json: #"{"process":{"pid":10}}"#, predicate: test("process.pid", .number(Interval(upper: Bound(.double(10.5), inclusive: false)))), matches: true),
    Case(name: "big int not rounded", json: #"{"process":{"pid":9007199254740993}}"#, predicate: test("process.pid", .number(.exactly(.int(9_007_199_254_740_993)))), matches: true),
    Case(name: "big int differs from neighbour", json: #"{"process":{"pid":9007199254740993}}"#, predicate: test("process.pid", .number(.exactly(.int(9_007_199_254_740_992)))), matches: false),
    Case(name: "date range on ISO text", json: #"{"event":{"ingested":"2026-11-02T09:00:00.5Z"}}"#, predicate: test("event.ingested", .date(Interval(lower: Bound(1_793_610_000_000_000_000, inclusive: true)))), matches: true),
    Case(name: "date range on epoch millis", json: #"{"event":{"ingested":1793610000000}}"#, predicate: test("event.ingested", .date(.exactly(1_793_610_000_000_000_000))), matches: true),
    Case(name: "keyword range in byte order", json: #"{"user":{"name":"bob"}}"#, predicate: test("user.name", .keywordRange(Interval(lower: Bound(ByteString("alice"), inclusive: false), upper: Bound(ByteString("carol"), inclusive: true)))), matches: true),
    Case(name: "keyword range excludes", json: #"{"user":{"name":"dave"}}"#, predicate: test("user.name", .keywordRange(Interval(upper: Bound(ByteString("carol"), inclusive: true)))), matches: false),
    Case(name: "boolean", json: #"{"flag":true}"#, predicate: test("flag", .boolean(true)), matches: true),
    Case(name: "boolean string", json: #"{"flag":"false"}"#, predicate: test("flag", .boolean(false)), matches: true),
    Case(name: "and of any-element tests", json: #"{"process":{"name":"nc","args":["nc","-U"]}}"#, predicate: .and([keyword("process.name", ["nc", "ncat"]), keyword("process.args", ["-U"])]), matches: true),
    Case(name: "or", json: #"{"process":{"name":"socat"}}"#, predicate: .or([keyword("process.name", ["nc"]), keyword("process.name", ["socat"])]), matches: true),
    Case(name: "constant false", json: #"{}"#, predicate: .and([.always, .never]), matches: false),
  ]

  @Test("predicates over decoded events", arguments: cases)
  func evaluates(_ testCase: Case) throws {
    let decoder = EventDecoder(catalog: Self.catalog)
    let event = try decoder.decode(testCase.json)
    #expect(PredicateProgram(testCase.predicate).evaluate(event) == testCase.matches)
  }

  @Test func orOfExactSetsOnOneFieldBecomesOneSet() {
    let predicate = Predicate.or([
      Self.keyword("process.name", ["nc"]), Self.keyword("process.name", ["ncat", "netcat"]),
      Self.keyword("process.name", ["NC"], ignoringCase: true),
    ]).simplified()
    guard case .or(let operands) = predicate, operands.count == 2,
      case .test(let merged) = operands.first(where: {
        if case .test(let test) = $0, case .keywordIn(let set) = test.condition { return !set.foldsCase }
        return false
      }), case .keywordIn(let set) = merged.condition
    else {
      Issue.record("unexpected shape \(predicate)")
      return
    }
    #expect(Set(set.members) == ["nc", "ncat", "netcat"])
  }

  /// `f in A or f in B or g in C` tests `f` once against both blocks, and holds on the same events as the tests one
  /// by one (any value of the field in any block).
  @Test func orOfAddressBlocksOnOneFieldBecomesOneTest() throws {
    let block = { (path: String, text: String) in Self.test(path, .ipIn([CIDRBlock(text)!])) }
    let predicate = Predicate.or([
      block("process.args", "10.0.0.0/8"), block("user.name", "127.0.0.0/8"), block("process.args", "192.168.0.0/16"),
      block("process.args", "fe80::/10"),
    ])
    let simplified = predicate.simplified()
    guard let operands = Self.operands(ofOr: simplified, count: 2) else { return }
    #expect(
      operands.contains {
        guard case .test(let test) = $0, case .ipIn(let blocks) = test.condition else { return false }
        return test.field == Self.id("process.args") && blocks.count == 3
      })
    let decoder = EventDecoder(catalog: Self.catalog)
    for (json, matches) in [
      (#"{"process":{"args":"10.1.2.3"}}"#, true), (#"{"process":{"args":["8.8.8.8","192.168.1.1"]}}"#, true),
      (#"{"process":{"args":"fe80::1"}}"#, true), (#"{"process":{"args":"127.0.0.1"}}"#, false),
      (#"{"user":{"name":"127.0.0.1"}}"#, true), (#"{"process":{"args":["8.8.8.8","x"]}}"#, false),
    ] {
      let event = try decoder.decode(json)
      #expect(PredicateProgram(simplified).evaluate(event) == matches, "\(json)")
      #expect(PredicateProgram(predicate).evaluate(event) == matches, "\(json)")
    }
  }

  /// Values matched on a field of unknown type (KQL on `process.name.caseless`, say) merge like exact sets when
  /// only strings can match them; a number's match stays apart, as it also matches numeric values.
  @Test func orOfStringMatchesOnAnUnknownFieldBecomesOneTest() throws {
    let dynamic = { (value: String, number: Number?) in
      Self.test("flag", .dynamic(DynamicMatch(keywords: ByteStringSet([value], foldingCase: true), number: number)))
    }
    let predicate = Predicate.or([dynamic("anydesk.exe", nil), dynamic("ammyy.exe", nil), dynamic("7", .int(7))])
    let simplified = predicate.simplified()
    guard let operands = Self.operands(ofOr: simplified, count: 2) else { return }
    #expect(
      operands.contains {
        guard case .test(let test) = $0, case .dynamic(let match) = test.condition else { return false }
        return Set(match.keywords.members) == ["anydesk.exe", "ammyy.exe"] && match.number == nil
      })
    let decoder = EventDecoder(catalog: Self.catalog)
    for (json, matches) in [
      (#"{"flag":"AnyDesk.exe"}"#, true), (#"{"flag":"ammyy.exe"}"#, true), (#"{"flag":7}"#, true),
      (#"{"flag":"teamviewer.exe"}"#, false),
    ] {
      let event = try decoder.decode(json)
      #expect(PredicateProgram(predicate).evaluate(event) == matches, "\(json)")
    }
  }

  @Test func simplificationFoldsConstantsAndDoubleNegation() {
    let test = Self.keyword("process.name", ["nc"])
    #expect(Predicate.and([.always, test]).simplified() == test)
    #expect(Predicate.or([.always, test]).simplified() == .always)
    #expect(Predicate.not(.not(test)).simplified() == test)
    #expect(Predicate.and([.and([test, test]), .and([])]).simplified() == test)
    #expect(Predicate.or([]).simplified() == .never)
  }

  @Test func byteStringSetGrowsAndFindsEveryMember() {
    let members = (0..<1000).map { "member-\($0)" }
    let set = ByteStringSet(members)
    #expect(set.count == 1000)
    #expect(members.allSatisfy { set.contains($0) })
    #expect(!set.contains("member-1000"))
    #expect(!set.contains(""))
    let folded = ByteStringSet(["PowerShell.EXE"], foldingCase: true)
    #expect(folded.contains("powershell.exe"))
    #expect(folded.contains("POWERSHELL.exe"))
    #expect(!folded.contains("powershell"))
  }
}
