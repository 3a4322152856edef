import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilKQL
import VigilQuery
import VigilRules
import VigilTestSupport

struct RuleRouterTests {
  /// Routes `events` through a router over KQL `queries` and returns, per event, the positions of the queries it
  /// reaches.
  static func routes(_ queries: [String], _ events: [String]) throws -> [[Int]] {
    var fields = FieldResolver()
    let predicates = queries.map { query in
      KQLLowering.lower(KQLParser.parse(query).query!, fields: &fields).predicate.simplified()
    }
    let router = RuleRouter(predicates: predicates, catalog: fields.catalog)
    let decoder = EventDecoder(catalog: fields.catalog)
    var scratch = RouteScratch()
    return try events.map { line in
      router.route(try decoder.decode(line), into: &scratch)
      return scratch.candidates.map(Int.init)
    }
  }

  @Test func eventsReachOnlyRulesWhoseExactConditionsTheyMeet() throws {
    let queries = [
      "event.category:process and process.name:(nc or socat)",
      "event.category:network and destination.port:22",
      "process.command_line:*-U*",
      "event.category:process or event.category:file",
    ]
    let routes = try Self.routes(
      queries,
      [
        #"{"event":{"category":["process"]},"process":{"name":"socat"}}"#,
        #"{"event":{"category":["process"]},"process":{"name":"bash"}}"#,
        #"{"event":{"category":"file"}}"#,
        #"{"event":{"category":"network"},"destination":{"port":22}}"#,
        #"{"process":{"command_line":"nc -U /run/socket"}}"#,
      ])
    // The first rule is filed under its process names, not its category; the third has no exact condition, so it
    // is filed under the field it needs: only events with a command line reach it.
    #expect(routes == [[0, 3], [3], [3], [1], [2]])
  }

  /// A value or field that many rules are filed under adds them as a bitset over all rules, a few as positions: both
  /// reach the same rules.
  @Test func manyRulesUnderOneValueRouteLikeFew() throws {
    // 150 rules: every third is filed under `event.category: process` (50, more than the 3 words of a bitset), every
    // fifth of the others under the field `process.args` being present, the rest under a process name of their own.
    let queries = (0..<150).map { rule in
      if rule % 3 == 0 { return "event.category:process and process.pid > \(rule)" }
      if rule % 5 == 0 { return "process.args:*x\(rule)*" }
      return "process.name:tool\(rule)"
    }
    let routes = try Self.routes(
      queries,
      [
        #"{"event":{"category":"process"},"process":{"name":"tool7","args":["a"]}}"#,
        #"{"process":{"name":"tool8"}}"#,
        #"{"event":{"category":"file"},"process":{"args":"b"}}"#,
      ])
    let categoryRules = Array(stride(from: 0, to: 150, by: 3))
    let argsRules = (0..<150).filter { $0 % 3 != 0 && $0 % 5 == 0 }
    #expect(routes == [(categoryRules + argsRules + [7]).sorted(), [8], argsRules])
  }

  @Test func caseInsensitiveConditionsRouteFoldedValues() throws {
    var fields = FieldResolver()
    let name = fields.bind("process.name")
    let test = FieldTest(field: name.id, condition: .keywordIn(ByteStringSet(["cmd.exe"], foldingCase: true)))
    let router = RuleRouter(predicates: [.test(test), .never], catalog: fields.catalog)
    let decoder = EventDecoder(catalog: fields.catalog)
    var scratch = RouteScratch()
    router.route(try decoder.decode(#"{"process":{"name":"CMD.EXE"}}"#), into: &scratch)
    #expect(scratch.candidates == [0])
    router.route(try decoder.decode(#"{"process":{"name":"cmd.com"}}"#), into: &scratch)
    #expect(scratch.candidates.isEmpty)
  }

  /// A glob without wildcards (EQL `like~ "tailscaled"`, KQL `name:Tailscaled`) is a value like an `in` list's:
  /// events reach the rule by that value, folded when the pattern ignores case, not by the field's presence.
  @Test func globsWithoutWildcardsRouteByTheirValue() throws {
    var fields = FieldResolver()
    let name = fields.bind("process.name")
    let patterns = ["tailscaled", "Tailscaled.exe"].map {
      WildcardPattern($0, escaping: .backslashAny, caseInsensitive: true)
    }
    let rules: [VigilQuery.Predicate] = [
      .test(FieldTest(field: name.id, condition: .wildcards(WildcardList(patterns)))),
      .test(FieldTest(field: name.id, condition: .wildcard(WildcardPattern("nc", escaping: .none)))),
      .test(FieldTest(field: name.id, condition: .wildcard(WildcardPattern("nc*", escaping: .none)))),
    ]
    let router = RuleRouter(predicates: rules, catalog: fields.catalog)
    let decoder = EventDecoder(catalog: fields.catalog)
    var scratch = RouteScratch()
    let expected: [(String, [Int32])] = [
      ("TAILSCALED.EXE", [0, 2]), ("tailscaled", [0, 2]), ("nc", [1, 2]), ("NC", [2]), ("ncat", [2]),
    ]
    for (value, rules) in expected {
      router.route(try decoder.decode(#"{"process":{"name":"\#(value)"}}"#), into: &scratch)
      #expect(scratch.candidates == rules, "\(value)")
    }
  }

  /// A wildcard or regex test files its rule under its literals when the program reads the field's grams: events
  /// reach the rule when a value holds one of them, in any ASCII case, rather than by a kind of event it names. A
  /// value the grams cannot be read from (not ASCII) reaches every such rule.
  @Test func wildcardsAndRegexesRouteByTheirLiterals() throws {
    var fields = FieldResolver()
    let category = fields.bind("event.category").id
    let commandLine = fields.bind("process.command_line").id
    let whoami = WildcardPattern("*whoami*", escaping: .backslashAny)
    let downloaders = ["*certutil*", "*bitsadmin*"].map { WildcardPattern($0, escaping: .backslashAny) }
    let regex = try #require(try? LuceneRegex.compile(".*mimi(katz|lib).*"))
    let predicates: [VigilQuery.Predicate] = [
      .and([
        .test(FieldTest(field: category, condition: .keywordIn(ByteStringSet(["process"], foldingCase: false)))),
        .test(FieldTest(field: commandLine, condition: .wildcard(whoami))),
      ]),
      .test(FieldTest(field: commandLine, condition: .wildcards(WildcardList(downloaders)))),
      .test(FieldTest(field: commandLine, condition: .regex(regex))),
      .test(FieldTest(field: commandLine, condition: .wildcard(WildcardPattern("*a*", escaping: .backslashAny)))),
    ]
    let router = RuleRouter(predicates: predicates, catalog: fields.catalog, programs: RuleProgramSet(predicates))
    let decoder = EventDecoder(catalog: fields.catalog)
    var scratch = RouteScratch()
    let expected: [(String, [Int32])] = [
      (#"{"event":{"category":"process"},"process":{"command_line":"cmd /c WHOAMI /all"}}"#, [0, 3]),
      (#"{"event":{"category":"process"},"process":{"command_line":"ls -l"}}"#, [3]),
      (#"{"process":{"command_line":["x", "CertUtil -urlcache"]}}"#, [1, 3]),
      (#"{"process":{"command_line":"bitsadmin /transfer"}}"#, [1, 3]),
      (#"{"process":{"command_line":"run mimilib.dll"}}"#, [2, 3]),
      (#"{"process":{"command_line":"run katz.dll"}}"#, [3]),
      (#"{"process":{"command_line":"whoamı"}}"#, [0, 1, 2, 3]),
      (#"{"event":{"category":"process"}}"#, []),
    ]
    for (line, rules) in expected {
      router.route(try decoder.decode(line), into: &scratch)
      #expect(scratch.candidates == rules, "\(line)")
    }
  }

  /// The router may only leave out rules that cannot match: over real ECS samples, every corpus rule whose predicate
  /// holds for an event is among the rules the router sends it to, with or without the rules' program (with it, the
  /// router looks values up in its keyword groups and files rules under their literals, so it sends events to fewer
  /// rules), and the group results and gram sets it leaves in the memo give every rule the answer a fresh memo gives.
  @Test func neverLeavesOutARuleThatMatches() throws {
    guard let corpus = SharedData.detectionRules, let samples = SharedData.ecsSamples else {
      print(SharedData.missingMessage("the rule corpus or the ECS samples"))
      return
    }
    let files = RuleLoader.load(paths: RulePathDiscovery(paths: [corpus.path]).files)
    let ruleSet = CompiledRuleSet(files: files)
    let router = RuleRouter(predicates: ruleSet.rules.map(\.predicate), catalog: ruleSet.catalog)
    let grouped = RuleRouter(
      predicates: ruleSet.rules.map(\.predicate), catalog: ruleSet.catalog, programs: ruleSet.programs)
    #expect(router.unroutedRuleCount * 10 < ruleSet.rules.count, "most rules should be routed")
    let decoder = EventDecoder(catalog: ruleSet.catalog)
    var scratch = RouteScratch()
    var groupedScratch = RouteScratch()
    var matches = 0
    var evaluationsSaved = 0
    var evaluationsSavedByProgram = 0
    let sampleFiles = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter {
      $0.hasSuffix(".ndjson")
    }
    for name in sampleFiles.sorted() {
      let text = try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
      for line in text.split(separator: "\n") {
        let event = try decoder.decode(String(line))
        router.route(event, into: &scratch)
        let candidates = Set(scratch.candidates.map(Int.init))
        evaluationsSaved += ruleSet.rules.count - candidates.count
        var routedMemo = TestMemo()
        routedMemo.begin()
        grouped.route(event, into: &groupedScratch, covering: nil, memo: &routedMemo)
        let groupedCandidates = Set(groupedScratch.candidates.map(Int.init))
        evaluationsSavedByProgram += candidates.count - groupedCandidates.count
        var memo = TestMemo()
        memo.begin()
        for position in ruleSet.rules.indices {
          let holds = ruleSet.programs.evaluate(rule: position, event, memo: &memo)
          #expect(ruleSet.programs.evaluate(rule: position, event, memo: &routedMemo) == holds)
          guard holds else { continue }
          matches += 1
          #expect(candidates.contains(position), "\(ruleSet.rules[position].rule.name) left out on \(name)")
          #expect(groupedCandidates.contains(position), "\(ruleSet.rules[position].rule.name) left out on \(name)")
        }
      }
    }
    #expect(matches > 0)
    #expect(evaluationsSaved > 0)
    #expect(evaluationsSavedByProgram > 0)
  }
}
