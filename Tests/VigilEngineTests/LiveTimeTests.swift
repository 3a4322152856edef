import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// A live source's clock (`vigil watch`): scheduled windows run once event time passes their end, though no later
/// event of their rule comes.
struct LiveTimeTests {
  static let second: Int64 = 1_000_000_000

  /// Nanoseconds since the epoch of `2026-11-02T` `time` `Z`.
  static func time(_ time: String) throws -> Int64 {
    try #require(Timestamp.parse(Array("2026-11-02T\(time)Z".utf8)))
  }

  /// An engine over `files` with the events of `lines` run, and the alerts they gave.
  static func engine(_ files: [RuleFile], _ lines: [String]) throws -> (ScanEngine, [Alert]) {
    let engine = ScanEngine(ruleSet: CompiledRuleSet(files: files))
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    var alerts: [Alert] = []
    for line in lines { engine.process(try decoder.decode(line)) { alerts.append($0) } }
    return (engine, alerts)
  }

  @Test func theClockRunsOnFromTheLatestEventLessTheLateness() {
    var clock = LiveEventClock(latenessSeconds: 5)
    #expect(clock.eventTime(at: 100 * Self.second) == nil)
    clock.noteEvent(at: 1_000 * Self.second, readAt: 100 * Self.second)
    #expect(clock.eventTime(at: 100 * Self.second) == 995 * Self.second)
    #expect(clock.eventTime(at: 130 * Self.second) == 1_025 * Self.second)
    // An older event does not set the clock back, nor re-anchor it.
    clock.noteEvent(at: 990 * Self.second, readAt: 120 * Self.second)
    #expect(clock.eventTime(at: 130 * Self.second) == 1_025 * Self.second)
    // A source whose times lag this machine's is timed by its own events.
    clock.noteEvent(at: 1_010 * Self.second, readAt: 130 * Self.second)
    #expect(clock.eventTime(at: 131 * Self.second) == 1_006 * Self.second)
  }

  @Test func anAggregatingRuleRunsEachWindowOnceTheClockPassesItsEnd() throws {
    let rule = try RuleLoader.load(text: ESQLRuleTests.aggregating, path: "r.toml")
    let (engine, early) = try Self.engine(
      [rule],
      [
        ESQLRuleTests.login("a", at: "2026-11-02T09:01:00Z"), ESQLRuleTests.login("b", at: "2026-11-02T09:02:00Z"),
        ESQLRuleTests.login("c", at: "2026-11-02T09:03:00Z"),
      ])
    #expect(early.isEmpty)
    var alerts: [Alert] = []
    engine.advanceTime(to: try Self.time("09:05:00")) { alerts.append($0) }
    #expect(alerts.isEmpty, "the run of 09:05 covers [08:56, 09:05]: it happens once 09:05 has passed")
    engine.advanceTime(to: try Self.time("09:05:01")) { alerts.append($0) }
    #expect(alerts.map { $0.document["@timestamp"] } == [.string("2026-11-02T09:05:00.000Z")])
    engine.advanceTime(to: try Self.time("09:10:01")) { alerts.append($0) }
    #expect(alerts.count == 2)
    // Nothing is left for the end; the clock going back changes nothing.
    engine.advanceTime(to: try Self.time("09:00:00")) { alerts.append($0) }
    engine.finish { alerts.append($0) }
    #expect(alerts.count == 2)
    #expect(engine.statistics.lateEvents == 0)
  }

  @Test func anEventEarlierThanTheClockIsLate() throws {
    let rule = try RuleLoader.load(text: ESQLRuleTests.aggregating, path: "r.toml")
    let (engine, _) = try Self.engine([rule], [ESQLRuleTests.login("a", at: "2026-11-02T09:01:00Z")])
    engine.advanceTime(to: try Self.time("09:20:00")) { _ in }
    let decoder = EventDecoder(catalog: engine.ruleSet.catalog)
    engine.process(try decoder.decode(ESQLRuleTests.login("b", at: "2026-11-02T09:19:00Z"))) { _ in }
    engine.process(try decoder.decode(ESQLRuleTests.login("c", at: "2026-11-02T09:21:00Z"))) { _ in }
    #expect(engine.statistics.lateEvents == 1)
  }

  @Test func aSampleRuleRunsItsWindowOnceTheClockPassesItsEnd() throws {
    let (engine, early) = try Self.engine(
      [EQLSampleRuleTests.rule],
      [EngineTesting.process("b", at: "09:01:00"), EngineTesting.process("a", at: "09:03:00")])
    #expect(early.isEmpty)
    var alerts: [Alert] = []
    engine.advanceTime(to: try Self.time("09:05:01")) { alerts.append($0) }
    #expect(alerts.count == 3, "two building blocks and the shell")
    engine.finish { alerts.append($0) }
    #expect(alerts.count == 3)
  }
}
