import Testing
import VigilESQL
import VigilTestSupport

/// No input crashes the parser: damaged corpus queries and pathological nesting give diagnostics, not traps.
struct ESQLRobustnessTests {
  @Test(
    "deep nesting is refused, not overflowed",
    arguments: [
      String(repeating: "(", count: 5000) + "a" + String(repeating: ")", count: 5000),
      String(repeating: "NOT ", count: 5000) + "a",
      String(repeating: "-", count: 5000) + "1",
      Array(repeating: "a", count: 5000).joined(separator: " + "),
      Array(repeating: "a", count: 5000).joined(separator: " OR "),
      "a" + String(repeating: "::long", count: 5000),
      String(repeating: "f(", count: 5000) + String(repeating: ")", count: 5000),
    ])
  func deepNesting(expression: String) {
    let result = ESQLParser.parse("FROM a | WHERE " + expression)
    #expect(result.query == nil)
    #expect(result.diagnostics.contains { $0.message == "expression nested too deeply" })
  }

  @Test func nestingWithinTheLimitParsesAndPrints() throws {
    let expression = String(repeating: "(", count: 100) + "a" + String(repeating: " OR a)", count: 100)
    let chain = Array(repeating: "b", count: 250).joined(separator: " AND ")
    let query = try #require(ESQLParser.parse("FROM a | WHERE \(expression) AND \(chain)").query)
    let printed = ESQLPrinter().print(query)
    #expect(ESQLParser.parse(printed).query?.commands == query.commands)
  }

  @Test func damagedCorpusQueriesNeverTrap() throws {
    guard let queries = try CorpusQuery.all(language: "esql") else {
      print(SharedData.missingMessage("detection-rules corpus"))
      return
    }
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(max(bound, 1)))
    }
    var parsed = 0
    var rejected = 0
    for query in queries {
      let bytes = Array(query.text.utf8)
      for _ in 0..<12 {
        var damaged = bytes
        switch next(3) {
        case 0: damaged = Array(damaged.prefix(next(damaged.count)))
        case 1: damaged.remove(at: next(damaged.count))
        default:
          let junk: [UInt8] = Array("|()\"`,=*/.:{}[]-".utf8)
          damaged.insert(junk[next(junk.count)], at: next(damaged.count))
        }
        let result = ESQLParser.parse(bytes: damaged)
        if let query = result.query {
          parsed += 1
          #expect(ESQLParser.parse(ESQLPrinter().print(query)).query?.commands == query.commands)
        } else {
          rejected += 1
          #expect(result.diagnostics.contains { $0.severity == .error && $0.range != nil })
        }
      }
    }
    #expect(parsed + rejected == queries.count * 12)
  }
}
