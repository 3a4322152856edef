import Testing
import VigilEvents
import VigilQuery
import VigilRules
import VigilTestSupport

@testable import VigilEngine

@Suite struct CompiledRuleSetTests {
  /// Compiling on every core interns field paths in the order, and lowers rules to the predicates, of compiling the
  /// rules one by one: over the whole corpus, catalog paths, predicates, timestamp fields and skip reasons agree.
  /// The parallel side compiles the queries `RuleCheck` parsed, the sequential side parses them itself.
  @Test func parallelCompilationMatchesSequentialCompilation() throws {
    guard let corpus = SharedData.detectionRules else {
      print(SharedData.missingMessage("the rule corpus"))
      return
    }
    let files = RuleLoader.load(paths: RulePathDiscovery(paths: [corpus.path]).files)
    let context = RuleLoweringContext(exceptions: ExceptionSet(), now: 0, hasThreatIndicators: false)
    var fields = FieldResolver()
    _ = fields.bind("data_stream.type")
    let parallel = CompiledRuleSet.compile(files.map(RuleCheck.check), in: context, fields: fields)
    let sequential = CompiledRuleSet.compileSequentially(
      files.map(CheckedRuleFile.init(file:)), in: context, fields: fields)
    #expect(parallel.catalog.allPaths == sequential.catalog.allPaths)
    #expect(parallel.outcomes.count == sequential.outcomes.count)
    var compiled = 0
    for (a, b) in zip(parallel.outcomes, sequential.outcomes) {
      switch (a, b) {
      case (.compiled(let x, _), .compiled(let y, _)):
        compiled += 1
        #expect(x.rule.ruleID == y.rule.ruleID)
        #expect(x.predicate == y.predicate, "\(x.rule.name)")
        #expect(x.timestampOverride == y.timestampOverride)
      case (.skipped(let x), .skipped(let y)):
        #expect(x.path == y.path && x.reason == y.reason)
      default:
        Issue.record("one compilation ran a rule the other skipped")
      }
    }
    #expect(compiled > 1_000)
  }

  /// Date math in a rule's query resolves against the compile time, as Elasticsearch resolves it at the run.
  @Test func dateMathInQueriesResolvesAgainstTheCompileTime() throws {
    for (language, query) in [("kuery", #"@timestamp >= "now-1h""#), ("lucene", "@timestamp:>=now-1h")] {
      let rule = EngineTesting.replayRule(language: language, query: query)
      let set = CompiledRuleSet(files: [rule], now: EngineTesting.time("12:00:00"))
      #expect(set.skipped.isEmpty, "\(set.skipped.map(\.reason))")
      let engine = ScanEngine(ruleSet: set)
      let decoder = EventDecoder(catalog: set.catalog)
      var alerts = 0
      for clock in ["10:59:00", "11:30:00"] {
        engine.process(try decoder.decode(EngineTesting.process("x", at: clock))) { _ in alerts += 1 }
      }
      #expect(alerts == 1, "\(language)")
    }
  }

  /// A rule skipped for its query says what in the query cannot run.
  @Test func aSkippedQuerySaysWhy() {
    let rule = EngineTesting.replayRule(language: "lucene", query: "process.name:ncat~1")
    #expect(
      CompiledRuleSet(files: [rule]).skipped.map(\.reason)
        == ["query: fuzzy and proximity searches ('ncat~1') are not supported"])
  }
}
