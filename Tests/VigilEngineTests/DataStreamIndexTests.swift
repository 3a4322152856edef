import Testing
import VigilEngine
import VigilEvents

struct DataStreamIndexTests {
  /// An event's index is its `_index`, else the data stream its `data_stream.*` fields name, else the fallback; the
  /// names a matcher keeps from earlier events never answer for another stream, also past the number it keeps.
  @Test func indexComesFromIndexThenDataStreamThenFallback() throws {
    let ruleSet = CompiledRuleSet(files: [])
    var matcher = RuleMatcher(ruleSet: ruleSet)
    let decoder = EventDecoder(catalog: ruleSet.catalog)
    func event(namespace: String) throws -> Event {
      try decoder.decode(
        #"{"data_stream":{"type":"logs","dataset":"endpoint.events.process","namespace":"\#(namespace)"}}"#)
    }
    for round in 0..<2 {
      for stream in 0..<40 {
        let expected = "logs-endpoint.events.process-team\(stream)"
        #expect(matcher.index(of: try event(namespace: "team\(stream)"), fallback: "x") == expected, "round \(round)")
      }
    }
    var named = try event(namespace: "team1")
    named.index = ".ds-logs-endpoint.events.process-team1-2026.12.05-000001"
    #expect(matcher.index(of: named, fallback: "x") == named.index)
    let partial = try decoder.decode(#"{"data_stream":{"type":"logs","dataset":"endpoint.events.process"}}"#)
    #expect(matcher.index(of: partial, fallback: "fallback-index") == "fallback-index")
    #expect(matcher.index(of: partial, fallback: nil) == nil)
  }
}
