import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Stream mode runs events in time order within its reorder window, whatever order they arrive in.
struct TimeOrderTests {
  static func scan(_ lines: [String], window: Int64) throws -> (alerts: [String], late: Int) {
    let engine = ScanEngine(ruleSet: ScanEngineTests.ruleSet(), reorderWindowSeconds: window)
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [String] = []
    for line in lines { engine.process(try decoder.decode(line)) { alerts.append($0.uuid) } }
    engine.finish { alerts.append($0.uuid) }
    return (alerts, engine.statistics.lateEvents)
  }

  /// The example events (time-sorted) with neighbours swapped pairwise: every other event arrives early.
  static func shuffled(_ lines: [String]) -> [String] {
    var out = lines
    for index in stride(from: 0, to: out.count - 1, by: 2) { out.swapAt(index, index + 1) }
    return out
  }

  @Test func eventsOutOfOrderWithinTheWindowGiveTheAlertsOfSortedInput() throws {
    let sorted = try ScanEngineTests.events()
    let expected = try Self.scan(sorted, window: 0)
    #expect(expected.alerts.count == 11)
    let reordered = try Self.scan(Self.shuffled(sorted), window: 30 * 86_400)
    #expect(reordered.alerts.sorted() == expected.alerts.sorted())
    #expect(reordered.late == 0)
  }

  @Test func eventsLaterThanTheWindowRunAtOnceAndAreCounted() throws {
    let sorted = try ScanEngineTests.events()
    let reversed = try Self.scan(Array(sorted.reversed()), window: 60)
    #expect(reversed.late > 0)
    let inputOrder = try Self.scan(Array(sorted.reversed()), window: 0)
    #expect(inputOrder.late == 0)
  }
}
