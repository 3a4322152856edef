import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules

/// Replay mode's schedule for rules that alert per event: windows, overlap, `max_signals`, timestamps.
struct ReplayEngineTests {
  typealias T = EngineTesting

  @Test func overlappingWindowsAlertOnceAtTheFirstRunThatSeesTheEvent() throws {
    // Runs every 5 minutes over 6 minutes: 10:04:30 is in the windows of the runs at 10:05 and 10:10.
    let (alerts, engine) = try T.replay([T.replayRule()], [T.process("sh", at: "10:04:30")])
    #expect(alerts.map(\.runClock) == ["10:05:00"])
    #expect(alerts.map(\.eventClock) == ["10:04:30"])
    #expect(engine.statistics.alerts == 1)
    #expect(engine.statistics.duplicateAlerts == 1)
    #expect(engine.replayStatistics.runs == 2)
  }

  @Test func runsFollowTheIntervalGridFromTheEarliestEventToTheLatest() throws {
    let (alerts, engine) = try T.replay(
      [T.replayRule(from: "now-5m")],
      [
        T.process("sh", at: "10:31:00"), T.process("sh", at: "10:00:00"), T.process("sh", at: "10:12:00"),
      ])
    #expect(alerts.map(\.runClock) == ["10:00:00", "10:15:00", "10:35:00"])
    #expect(alerts.map(\.eventClock) == ["10:00:00", "10:12:00", "10:31:00"])
    // Runs over empty windows are skipped, not simulated; 10:00 is at the edge of the windows of 10:00 and 10:05.
    #expect(engine.replayStatistics.runs == 4)
  }

  @Test func maxSignalsTakesTheEarliestAndTheNextOverlappingRunTakesTheRest() throws {
    // Windows of 10 minutes every 5: what the run at 10:05 leaves is still in the window of the run at 10:10.
    let rule = T.replayRule(from: "now-10m", maxSignals: 2)
    let (alerts, engine) = try T.replay(
      [rule],
      [
        T.process("c", at: "10:03:00"), T.process("a", at: "10:01:00"), T.process("b", at: "10:02:00"),
      ])
    #expect(alerts.map(\.eventClock) == ["10:01:00", "10:02:00", "10:03:00"])
    #expect(alerts.map(\.runClock) == ["10:05:00", "10:05:00", "10:10:00"])
    #expect(engine.replayStatistics.cappedRuns == [rule.rule!.ruleID: 1])
    #expect(engine.replayStatistics.lostEvents.isEmpty)
  }

  @Test func eventsLeftOverByAFullRunAreLostWhenNoLaterWindowHoldsThem() throws {
    // Windows of 5 minutes every 5: the run at 10:10 searches [10:05, 10:10] and never sees 10:03.
    let rule = T.replayRule(from: "now-5m", maxSignals: 2)
    let (alerts, engine) = try T.replay(
      [rule],
      [
        T.process("a", at: "10:01:00"), T.process("b", at: "10:02:00"), T.process("c", at: "10:03:00"),
        T.process("d", at: "10:06:00"),
      ])
    #expect(alerts.map(\.eventClock) == ["10:01:00", "10:02:00", "10:06:00"])
    #expect(engine.replayStatistics.lostEvents == [rule.rule!.ruleID: 1])
  }

  @Test func alreadyAlertedEventsDoNotUseUpAQueryRunsBudgetButDoAnEQLRequestsSize() throws {
    let events = [
      T.process("a", at: "10:04:10"), T.process("b", at: "10:04:20"), T.process("c", at: "10:06:00"),
    ]
    // Query: the run at 10:10 skips a and b (alerted at 10:05) and alerts on c.
    let query = try T.replay([T.replayRule(maxSignals: 2)], events).alerts
    #expect(query.map(\.eventClock) == ["10:04:10", "10:04:20", "10:06:00"])
    // EQL: the run at 10:10 gets the 2 earliest events, a and b, both duplicates; c is never returned.
    let eql = T.replayRule(type: "eql", language: "eql", query: "process where true", maxSignals: 2)
    let (alerts, engine) = try T.replay([eql], events)
    #expect(alerts.map(\.eventClock) == ["10:04:10", "10:04:20"])
    #expect(engine.replayStatistics.lostEvents == [eql.rule!.ruleID: 1])
  }

  @Test func timestampOverrideFallsBackToTimestampOnlyWhenTheFieldIsMissing() throws {
    let rule = T.replayRule(more: #"timestamp_override = "event.ingested""#)
    let (alerts, _) = try T.replay(
      [rule],
      [
        T.process("ingested", at: "09:00:00", ingested: "10:04:00"),
        T.process("fallback", at: "10:03:00"),
        // Ingested late: its @timestamp is in the 10:05 window, but the override decides.
        T.process("late", at: "10:03:30", ingested: "11:00:00"),
      ])
    #expect(alerts.map { $0.document.value(atPath: "process.name")?.string ?? "" } == ["ingested", "fallback", "late"])
    #expect(alerts.map(\.runClock) == ["10:05:00", "10:05:00", "11:00:00"])

    let strict = T.replayRule(
      more: "timestamp_override = \"event.ingested\"\ntimestamp_override_fallback_disabled = true")
    let (kept, engine) = try T.replay(
      [strict],
      [
        T.process("ingested", at: "09:00:00", ingested: "10:04:00"), T.process("fallback", at: "10:03:00"),
      ])
    #expect(kept.map { $0.document.value(atPath: "process.name")?.string ?? "" } == ["ingested"])
    #expect(engine.replayStatistics.matchesWithoutTimestamp == 1)
  }

  @Test func eventsThatFellBackToTimestampComeLastInARun() throws {
    // Kibana sorts by the override field, and documents missing it last: the fallback event at 10:01 loses its
    // place to the two later events that have the field, and the next window no longer holds it.
    let rule = T.replayRule(from: "now-5m", maxSignals: 2, more: #"timestamp_override = "event.ingested""#)
    let (alerts, _) = try T.replay(
      [rule],
      [
        T.process("fallback", at: "10:01:00"),
        T.process("x", at: "10:02:00", ingested: "10:02:00"), T.process("y", at: "10:03:00", ingested: "10:03:00"),
      ])
    #expect(alerts.map { $0.document.value(atPath: "process.name")?.string ?? "" } == ["x", "y"])
  }

  @Test func startAndEndBoundTheRuns() throws {
    let events = [
      T.process("a", at: "09:50:00"), T.process("b", at: "10:01:00"), T.process("c", at: "10:20:00"),
      T.process("d", at: "10:40:00"),
    ]
    // The first run at 10:02 searches back to 09:56; the last is the last whose window reaches back to 10:21 (10:27).
    let range = ReplayRange(start: T.time("10:02:00"), end: T.time("10:21:00"))
    let (alerts, _) = try T.replay([T.replayRule()], events, range: range)
    #expect(alerts.map(\.eventClock) == ["10:01:00", "10:20:00"])
    #expect(alerts.map(\.runClock) == ["10:02:00", "10:22:00"])
  }

  @Test func resultsDoNotDependOnInputOrder() throws {
    let rule = T.replayRule(from: "now-10m", maxSignals: 2)
    let events = (0..<12).map {
      T.process("p\($0)", host: "h\($0 % 3)", at: String(format: "10:%02d:%02d", $0 * 2, $0))
    }
    let sorted = try T.replay([rule], events).alerts.map(\.uuid)
    let shuffled = try T.replay([rule], events.reversed()).alerts.map(\.uuid)
    let interleaved = try T.replay(
      [rule], events.enumerated().sorted { ($0.offset % 2, $0.offset) < ($1.offset % 2, $1.offset) }.map(\.element)
    ).alerts.map(\.uuid)
    #expect(sorted.count > 0)
    #expect(sorted == shuffled)
    #expect(sorted == interleaved)
  }
}
