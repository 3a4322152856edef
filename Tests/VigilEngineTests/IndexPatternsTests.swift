import Testing
import VigilEngine

struct IndexPatternsTests {
  @Test("index patterns as Elasticsearch resolves them", arguments: [
    (["logs-endpoint.events.process*"], "logs-endpoint.events.process-default", true),
    (["logs-endpoint.events.process*"], "logs-endpoint.events.file-default", false),
    (["logs-endpoint.events.*", "-logs-endpoint.events.file*"], "logs-endpoint.events.file-default", false),
    (["logs-endpoint.events.*", "-logs-endpoint.events.file*"], "logs-endpoint.events.network-default", true),
    (["logs-endpoint.events.process*"], ".ds-logs-endpoint.events.process-default-2026.11.02-000001", true),
    (["auditbeat-*"], "auditbeat-8.11.0-2026.11.02", true),
    ([], "anything", true),
  ])
  func matches(patterns: [String], index: String, expected: Bool) {
    #expect(IndexPatterns(patterns).matches(index) == expected)
  }

  @Test func unknownIndexIsSeenByEveryRule() {
    #expect(IndexPatterns(["logs-endpoint.events.process*"]).matches(nil))
  }
}
