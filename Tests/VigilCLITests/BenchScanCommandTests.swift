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
}
