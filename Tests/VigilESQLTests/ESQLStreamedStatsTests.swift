import Testing
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
}
