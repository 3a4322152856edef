import Testing
import VigilRules

@testable import VigilEngine

/// ``AlertSuppressor`` on its own: the bound on the alerts it holds.
struct AlertSuppressorTests {
  static func alert(host: String) -> Alert {
    var document = JSONObject()
    document["host.id"] = .string(host)
    return Alert(document: document, uuid: host, ruleID: "r", severity: .low, originalTime: nil)
  }

  /// Past its capacity, the oldest held alert is written early with its count so far, and counted as evicted.
  @Test func theOldestHeldAlertIsWrittenEarlyPastTheCapacity() {
    var suppressor = AlertSuppressor(
      AlertSuppression(
        groupBy: ["host.id"], duration: RuleDuration(seconds: 3600, text: "1h"), missingFieldsStrategy: .suppress),
      ruleID: "r", intervalSeconds: 300, capacity: 2)
    let second: Int64 = 1_000_000_000
    for (index, host) in ["h1", "h1", "h2", "h3"].enumerated() {
      let time = Int64(index) * second
      _ = suppressor.offer(Self.alert(host: host), at: time, from: time, to: time) { true }
    }
    let early = suppressor.close(before: 4 * second)
    #expect(early.map(\.uuid) == ["h1"])
    #expect(early.first?[member: "kibana.alert.suppression.docs_count"] == .int(1))
    #expect(suppressor.evictions == 1)
    #expect(suppressor.finish().map(\.uuid) == ["h2", "h3"])
  }
}
