import Foundation
import Testing

/// `vigil bench scan` and `vigil scan --profile-rules`, the measuring tools of a scan.
@Suite(.serialized)
struct BenchScanCommandTests {
  @Test func benchScanReportsEveryMeasureAsJSON() throws {
    let result = try VigilRunner.run(["bench", "scan", "--rules", "Examples/rules", "--format", "json", "Examples/events"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "rules", "compile_seconds", "events", "seconds", "events_per_second", "bytes_per_second", "alerts",
        "peak_rss_bytes",
      ])
    #expect(object["rules"] as? Int == 6)
    #expect(object["events"] as? Int == 30)
    #expect(object["alerts"] as? Int == 11)
    #expect((object["peak_rss_bytes"] as? Int ?? 0) > 1_000_000)
  }

  @Test func benchScanNeedsRules() throws {
    let result = try VigilRunner.run(["bench", "scan", "Examples/events"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--rules"))
  }

  @Test func profileRulesListsTheCostliestRules() throws {
    let result = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--profile-rules", "Examples/events"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("Rule profile:"))
    let header = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("RULE") })
    #expect(header.contains("EVALUATED") && header.contains("MATCHED"))
    #expect(result.stderr.contains("Example: First Network Discovery by a Parent Process"))
    #expect(result.stderr.contains("Routing:"))
    // The example rules are EQL and new_terms: the time per type names both.
    let byType = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("By rule type: ") })
    #expect(byType.contains("eql ") && byType.contains("new_terms "))
    // The tests most rules share are timed apart, not charged to the first rule that reads them.
    #expect(result.stderr.contains("evaluated once per event before the rules: "))
  }

  @Test func profileTopChoosesHowManyRulesAreListed() throws {
    func listedRules(_ top: String) throws -> (header: String, rows: Int) {
      let result = try VigilRunner.run(
        ["scan", "--rules", "Examples/rules", "--profile-rules", "--profile-top", top, "Examples/events"])
      #expect(result.status == 0, "\(result.stderr)")
      let lines = result.stderr.split(separator: "\n").map(String.init)
      let header = try #require(lines.first { $0.hasPrefix("Rule profile:") })
      let start = try #require(lines.firstIndex { $0.hasPrefix("RULE") })
      let end = try #require(lines.firstIndex { $0.hasPrefix("By rule type: ") })
      return (header, end - start - 1)
    }
    let one = try listedRules("1")
    #expect(one.rows == 1)
    #expect(one.header.hasSuffix("the 1 costliest:"))
    // Six of the example rules run on the example events (the seventh needs Elastic ML): 0 lists them all.
    let all = try listedRules("0")
    #expect(all.rows == 6)
    #expect(all.header.hasSuffix("in 6 rules; all, costliest first:"))
    let negative = try VigilRunner.run(["scan", "--rules", "Examples/rules", "--profile-top=-1", "Examples/events"])
    #expect(negative.status == 2)
    #expect(negative.stderr.contains("--profile-top"))
  }
}
