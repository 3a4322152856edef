import Testing
import VigilEvents
import VigilQuery

struct RuleProgramSetTests {
  static let catalog = FieldCatalog(["process.name", "process.args", "user.name"])
  static func id(_ path: String) -> FieldID { catalog.id(path)! }

  static func keyword(_ path: String, _ values: [String], ignoringCase: Bool = false) -> Predicate {
    .test(FieldTest(field: id(path), condition: .keywordIn(ByteStringSet(values, foldingCase: ignoringCase))))
  }

  /// Keyword sets of one field answered together (one lookup for the group) give each rule the answer its own set
  /// gives: overlapping sets, folded and exact sets of the same field, array values, negations, a missing field, and
  /// the same event evaluated again after another. The `nc`/`ncat`/`netcat` set is required by two rules (the whole
  /// predicate of one, an operand of the other's `and`, and both operands of an `or`), so those rules are first
  /// checked against the event's required tests; an `or` where only one operand has it does not require it.
  @Test func groupedKeywordTestsAnswerAsEachSetAlone() throws {
    let predicates: [Predicate] = [
      Self.keyword("process.name", ["nc", "ncat", "netcat"]),
      Self.keyword("process.name", ["ncat", "socat"]),
      Self.keyword("process.name", ["NC"], ignoringCase: true),
      Self.keyword("process.name", ["socat", "ss"], ignoringCase: true),
      .not(Self.keyword("process.name", ["ss"])),
      .and([Self.keyword("process.args", ["-U"]), Self.keyword("process.name", ["nc", "ncat", "netcat"])]),
      .or([Self.keyword("process.args", ["-l", "-p"]), Self.keyword("user.name", ["root"])]),
      Self.keyword("process.args", ["UNIX-CLIENT:/run/x"]),
      .or([
        .and([Self.keyword("process.name", ["nc", "ncat", "netcat"]), Self.keyword("process.args", ["-U"])]),
        .and([Self.keyword("process.name", ["nc", "ncat", "netcat"]), Self.keyword("user.name", ["root"])]),
      ]),
      .or([
        .and([Self.keyword("process.name", ["nc", "ncat", "netcat"]), Self.keyword("process.args", ["-U"])]),
        Self.keyword("user.name", ["root"]),
      ]),
    ]
    let set = RuleProgramSet(predicates)
    let decoder = EventDecoder(catalog: Self.catalog)
    let documents = [
      #"{"process":{"name":"nc","args":["nc","-U","/run/x.sock"]}}"#,
      #"{"process":{"name":"NCAT","args":["-l"]}}"#,
      #"{"process":{"name":"socat","args":["UNIX-CLIENT:/run/x"]},"user":{"name":"root"}}"#,
      #"{"process":{"name":["ss","nc"]}}"#,
      #"{"user":{"name":"alice"}}"#,
      #"{"process":{"name":"nc","args":["nc","-U","/run/x.sock"]}}"#,
    ]
    var memo = TestMemo()
    for document in documents {
      let event = try decoder.decode(document)
      memo.begin()
      // Rules in reverse order too, so that a group is first reached from each of its tests.
      for order in [Array(predicates.indices), predicates.indices.reversed()] {
        var orderMemo = TestMemo()
        orderMemo.begin()
        for rule in order {
          let alone = PredicateProgram(predicates[rule]).evaluate(event)
          #expect(set.evaluate(rule: rule, event, memo: &orderMemo) == alone, "rule \(rule) on \(document)")
          #expect(set.evaluate(rule: rule, event, memo: &memo) == alone, "rule \(rule) on \(document), shared memo")
        }
      }
    }
  }

  /// Sets are equal when they hold the same members in any order, under the same case rule; equal sets hash alike.
  @Test func byteStringSetEqualityIgnoresOrder() {
    let a = ByteStringSet(["nc", "ncat", "netcat"])
    let b = ByteStringSet(["netcat", "nc", "ncat", "nc"])
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(a != ByteStringSet(["nc", "ncat"]))
    #expect(a != ByteStringSet(["nc", "ncat", "socat"]))
    #expect(a != ByteStringSet(["nc", "ncat", "netcat"], foldingCase: true))
    #expect(ByteStringSet(["NC"], foldingCase: true) == ByteStringSet(["nc"], foldingCase: true))
  }
}
