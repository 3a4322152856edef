import Testing
import VigilEvents
import VigilRules

struct DateMathTests {
  @Test("relative date math parses to an offset", arguments: [
    ("now", Int64(0)), ("now-6m", -360), ("now-119m", -7140), ("now-14d", -1_209_600), ("now-1h+30m", -1800),
    ("now-2w", -1_209_600), ("now-1d/d", -86_400), ("now+5s", 5),
  ])
  func parses(text: String, offset: Int64) throws {
    let math = try #require(DateMath.parse(text))
    #expect(math.offsetSeconds == offset)
  }

  @Test("malformed date math is rejected", arguments: ["", "6m", "now-", "now-m", "now-5x", "now-5m/", "now/dd", "now 5m"])
  func rejects(text: String) {
    #expect(DateMath.parse(text) == nil)
  }

  @Test func roundingUnitIsKept() {
    #expect(DateMath.parse("now-1d/d")?.rounding == "d")
  }

  @Test("intervals are a count and one of s, m, h, d", arguments: [("5m", Int64(300)), ("60s", 60), ("1h", 3600), ("2d", 172_800)])
  func intervals(text: String, seconds: Int64) {
    #expect(RuleDuration.parse(text)?.seconds == seconds)
  }

  @Test("bad intervals are rejected", arguments: ["5", "m", "5w", "-5m", "5 m", "1.5h"])
  func badIntervals(text: String) {
    #expect(RuleDuration.parse(text) == nil)
  }
}
