import Testing
import VigilEvents
import VigilTestSupport

@testable import VigilESQL

/// A `STATS` after commands that only drop rows or columns aggregates each event's values without making its row;
/// an event with several values in an expanded column makes its rows as the pipeline does. Either way the result is
/// that of the rows, warnings included: the same as with an `EVAL` before the `STATS`, which makes every event take
/// the way of rows.
struct ESQLStreamedStatsTests {
  static let queries: [String] = [
    #"WHERE host.name != "c" | KEEP host.name, destination.port | STATS n = COUNT(*), p = VALUES(destination.port) BY host.name"#,
    #"WHERE destination.port > 10 | DROP process.name | STATS n = COUNT_DISTINCT(destination.port) BY host.name"#,
    #"MV_EXPAND event.action | WHERE event.action == "start" | KEEP host.name, event.action | STATS n = COUNT(*) BY host.name"#,
    #"MV_EXPAND event.action | WHERE event.action LIKE "s*" | KEEP event.action, host.name | STATS n = COUNT(*) BY event.action, host.name"#,
    #"MV_EXPAND event.action | MV_EXPAND process.name | WHERE process.name != "x" | KEEP * | STATS n = COUNT(*), a = VALUES(event.action)"#,
    // A multi-valued process.name makes a condition null with a warning, in events that pass too.
    #"MV_EXPAND event.action | WHERE process.name != "x" OR host.name == "a" | KEEP host.name | STATS n = COUNT(*) BY host.name"#,
    // The KEEP drops a column the STATS reads: null in every row, as the pipeline gives.
    #"WHERE destination.port > 0 | KEEP host.name | STATS p = VALUES(destination.port) BY host.name"#,
  ]

  static func events() -> [String] {
    var random = SplitMix64(seed: 17)
    let actions = [nil, #""start""#, #""stop""#, #"["start","stop"]"#, #"["start","start2","x"]"#, "[]"]
    let names = [nil, #""x""#, #""sh""#, #"["x","sh"]"#]
    return (0..<300).map { _ in
      var members = [#""host":{"name":"\#(["a", "b", "c"].randomElement(using: &random)!)"}"#]
      members.append(#""destination":{"port":\#(Int.random(in: 0..<40, using: &random))}"#)
      if let action = actions.randomElement(using: &random)! { members.append(#""event":{"action":\#(action)}"#) }
      if let name = names.randomElement(using: &random)! { members.append(#""process":{"name":\#(name)}"#) }
      return "{" + members.joined(separator: ",") + "}"
    }
  }

  @Test(arguments: queries)
  func rowsAreThoseOfThePipeline(_ tail: String) throws {
    let query = "FROM logs-* | " + tail
    let throughRows = query.replacingOccurrences(of: "| STATS", with: "| EVAL unused = 1 | STATS")
    let (program, _) = try ESQLRuntimeHarness.program(query)
    let (other, _) = try ESQLRuntimeHarness.program(throughRows)
    let keepsEveryColumn = !tail.contains("KEEP host.name | STATS p")
    #expect((program.statsSources != nil) == keepsEveryColumn)
    #expect(other.statsSources == nil)
    let events = Self.events()
    let result = try ESQLRuntimeHarness.run(query, events)
    let expected = try ESQLRuntimeHarness.run(throughRows, events)
    #expect(!result.rows.isEmpty)
    #expect(ESQLRuntimeHarness.rows(result) == ESQLRuntimeHarness.rows(expected))
    #expect(result.warnings == expected.warnings)
  }

  /// What events bring to the groups stays theirs while the run goes on with later events, which reuse the storage
  /// of earlier ones once it is let go: contributions a caller holds for longer than the run keeps any (as a
  /// reorder window does) give the groups what events fed at once give.
  @Test func heldContributionsKeepTheirValues() throws {
    let query =
      #"FROM logs-* | WHERE destination.port > 0 | STATS n = COUNT(*), p = VALUES(destination.port) BY host.name"#
    let (program, fields) = try ESQLRuntimeHarness.program(query)
    let decoder = EventDecoder(catalog: fields.catalog)
    let events = try (0..<ESQLRun.recentContributionCount * 3).map { position in
      try decoder.decode(#"{"host":{"name":"h\#(position % 7)"},"destination":{"port":\#(position)}}"#)
    }
    var fedAtOnce = program.start(now: ESQLRuntimeHarness.now)
    var streaming = program.start(now: ESQLRuntimeHarness.now)
    var accepting = program.start(now: ESQLRuntimeHarness.now)
    var cache = ESQLFieldCache()
    // Each event's contributions are accepted only after half again as many events as the run keeps followed it.
    let delay = ESQLRun.recentContributionCount * 3 / 2
    var held: [ESQLRun.Streamed] = []
    for (position, event) in events.enumerated() {
      fedAtOnce.feed(event)
      cache.startEvent()
      held.append(streaming.streamed(event, source: position, sharing: &cache))
      if held.count > delay { accepting.accept(held.removeFirst()) }
    }
    for streamed in held { accepting.accept(streamed) }
    // Groups in the order hosts first pass (event 0, port 0, does not): each host's count and ports.
    let expected = [1, 2, 3, 4, 5, 6, 0].map { host in
      let ports = (1..<events.count).filter { $0 % 7 == host }.map(String.init)
      return #"{"n":\#(ports.count),"p":[\#(ports.joined(separator: ","))],"host.name":"h\#(host)"}"#
    }
    #expect(ESQLRuntimeHarness.rows(fedAtOnce.finish()) == expected)
    #expect(ESQLRuntimeHarness.rows(accepting.finish()) == expected)
  }
}
