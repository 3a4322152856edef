import Testing
import VigilEQL

/// Sequences over small event lists: (query, events, expected matches as positions in the list).
@Suite struct EQLSequenceTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var query: String
    var events: [String]
    var matches: [[Int]]
    var testDescription: String { name }
  }

  /// An event at second `second` of a minute, with a category, a host and a process name.
  static func event(_ second: Int, _ category: String, host: String? = "h1", name: String = "x", user: String? = nil) -> String {
    let time = "2024-01-01T00:00:\(second < 10 ? "0" : "")\(second).000Z"
    var fields = [#""@timestamp":"\#(time)""#, #""event":{"category":"\#(category)"}"#, #""process":{"name":"\#(name)"}"#]
    if let host { fields.append(#""host":{"id":"\#(host)"}"#) }
    if let user { fields.append(#""user":{"name":"\#(user)"}"#) }
    return "{" + fields.joined(separator: ",") + "}"
  }

  static let cases: [Case] = [
    Case(
      name: "two steps in order", query: "sequence [process where true] [network where true]",
      events: [event(1, "process"), event(2, "network")], matches: [[0, 1]]),
    Case(
      name: "order matters", query: "sequence [process where true] [network where true]",
      events: [event(1, "network"), event(2, "process")], matches: []),
    Case(
      name: "input sorted by timestamp first", query: "sequence [process where true] [network where true]",
      events: [event(2, "network"), event(1, "process")], matches: [[1, 0]]),
    Case(
      name: "the latest partial sequence is extended", query: "sequence [process where true] [network where true]",
      events: [event(1, "process"), event(2, "process"), event(3, "network")], matches: [[1, 2]]),
    Case(
      name: "an event fills one step of a sequence, and may start the next",
      query: "sequence [any where true] [any where true]",
      events: [event(1, "process"), event(2, "process"), event(3, "process")], matches: [[0, 1], [1, 2]]),
    Case(
      name: "by joins on equal keys", query: "sequence by host.id [process where true] [network where true]",
      events: [event(1, "process", host: "a"), event(2, "network", host: "b"), event(3, "network", host: "a")],
      matches: [[0, 2]]),
    Case(
      name: "a missing required key keeps the event out", query: "sequence by host.id [process where true] [network where true]",
      events: [event(1, "process", host: nil), event(2, "network", host: nil)], matches: []),
    Case(
      name: "a missing optional key joins as null", query: "sequence by ?host.id [process where true] [network where true]",
      events: [event(1, "process", host: nil), event(2, "network", host: nil)], matches: [[0, 1]]),
    Case(
      name: "per-step keys", query: "sequence [process where true] by user.name [network where true] by host.id",
      events: [event(1, "process", host: "h", user: "bob"), event(2, "network", host: "bob")], matches: [[0, 1]]),
    Case(
      name: "maxspan includes its bound", query: "sequence with maxspan=2s [process where true] [network where true]",
      events: [event(1, "process"), event(3, "network")], matches: [[0, 1]]),
    Case(
      name: "maxspan exceeded", query: "sequence with maxspan=2s [process where true] [network where true]",
      events: [event(1, "process"), event(4, "network")], matches: []),
    Case(
      name: "maxspan from the first event", query: "sequence with maxspan=3s [process where true] [file where true] [network where true]",
      events: [event(1, "process"), event(3, "file"), event(5, "network")], matches: []),
    Case(
      name: "until drops the key's partial sequences",
      query: "sequence by host.id [process where true] [network where true] until [file where true]",
      events: [event(1, "process"), event(2, "file"), event(3, "network")], matches: []),
    Case(
      name: "until on another key does not", query: "sequence by host.id [process where true] [network where true] until [file where true]",
      events: [event(1, "process"), event(2, "file", host: "other"), event(3, "network")], matches: [[0, 2]]),
    Case(
      name: "runs repeats a step", query: "sequence [process where true] with runs=3 [network where true]",
      events: [event(1, "process"), event(2, "process"), event(3, "process"), event(4, "network")], matches: [[0, 1, 2, 3]]),
    Case(
      name: "runs needs every repetition", query: "sequence [process where true] with runs=3 [network where true]",
      events: [event(1, "process"), event(2, "process"), event(4, "network")], matches: []),
    Case(
      name: "several sequences for one key", query: "sequence by host.id [process where true] [network where true]",
      events: [event(1, "process"), event(2, "network"), event(3, "process"), event(4, "network")], matches: [[0, 1], [2, 3]]),
    Case(
      name: "conditions per step", query: #"sequence [process where process.name == "a"] [process where process.name == "b"]"#,
      events: [event(1, "process", name: "b"), event(2, "process", name: "a"), event(3, "process", name: "b")],
      matches: [[1, 2]]),
    Case(
      name: "ties keep input order", query: "sequence [process where true] [network where true]",
      events: [event(1, "process"), event(1, "network")], matches: [[0, 1]]),
  ]

  @Test(arguments: cases)
  func matches(_ test: Case) throws {
    #expect(try EQLMatching.sequences(test.query, test.events).matches == test.matches)
  }

  @Test func stateIsBoundedWithCountedEvictions() throws {
    let events = (0..<10).map { Self.event($0, "process", host: "h\($0)") } + [Self.event(20, "network", host: "h0")]
    let result = try EQLMatching.sequences(
      "sequence by host.id [process where true] [network where true]", events, limits: .init(maximumPartials: 4))
    #expect(result.matches.isEmpty)
    #expect(result.statistics.evictions >= 6)
  }

  @Test func missingEventsAreReportedAsUnsupported() throws {
    #expect(throws: EQLMatching.Failure.self) {
      try EQLMatching.sequences("sequence with maxspan=1m [process where true] ![network where true] [file where true]", [])
    }
  }
}
