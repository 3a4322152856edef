import Testing
import VigilEQL

/// Sequences over small event lists: (query, events, expected matches as positions in the list).
@Suite struct EQLSequenceTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var query: String
    var events: [String]
    var matches: [[Int?]]
    var testDescription: String { name }
  }

  /// An event at second `second` of a minute, with a category, a host and a process name.
  static func event(_ second: Int, _ category: String, host: String? = "h1", name: String = "x", user: String? = nil)
    -> String
  {
    let time = "2024-01-01T00:00:\(second < 10 ? "0" : "")\(second).000Z"
    var fields = [
      #""@timestamp":"\#(time)""#, #""event":{"category":"\#(category)"}"#, #""process":{"name":"\#(name)"}"#,
    ]
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
      name: "a missing required key keeps the event out",
      query: "sequence by host.id [process where true] [network where true]",
      events: [event(1, "process", host: nil), event(2, "network", host: nil)], matches: []),
    Case(
      name: "a missing optional key joins as null",
      query: "sequence by ?host.id [process where true] [network where true]",
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
      name: "maxspan from the first event",
      query: "sequence with maxspan=3s [process where true] [file where true] [network where true]",
      events: [event(1, "process"), event(3, "file"), event(5, "network")], matches: []),
    Case(
      name: "until drops the key's partial sequences",
      query: "sequence by host.id [process where true] [network where true] until [file where true]",
      events: [event(1, "process"), event(2, "file"), event(3, "network")], matches: []),
    Case(
      name: "until on another key does not",
      query: "sequence by host.id [process where true] [network where true] until [file where true]",
      events: [event(1, "process"), event(2, "file", host: "other"), event(3, "network")], matches: [[0, 2]]),
    Case(
      name: "an until event can still extend a sequence",
      query: "sequence by host.id [process where true] [network where true] until [network where true]",
      events: [event(1, "process"), event(2, "network")], matches: [[0, 1]]),
    Case(
      name: "runs repeats a step", query: "sequence [process where true] with runs=3 [network where true]",
      events: [event(1, "process"), event(2, "process"), event(3, "process"), event(4, "network")],
      matches: [[0, 1, 2, 3]]),
    Case(
      name: "runs needs every repetition", query: "sequence [process where true] with runs=3 [network where true]",
      events: [event(1, "process"), event(2, "process"), event(4, "network")], matches: []),
    Case(
      name: "several sequences for one key", query: "sequence by host.id [process where true] [network where true]",
      events: [event(1, "process"), event(2, "network"), event(3, "process"), event(4, "network")],
      matches: [[0, 1], [2, 3]]),
    Case(
      name: "conditions per step",
      query: #"sequence [process where process.name == "a"] [process where process.name == "b"]"#,
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

  /// A scan gives the matcher each event's step results; it then skips the steps an event does not hold.
  @Test(arguments: cases + missingEvents)
  func matchesWithGivenStepResults(_ test: Case) throws {
    #expect(try EQLMatching.sequences(test.query, test.events, givingSteps: true).matches == test.matches)
  }

  @Test func stateIsBoundedWithCountedEvictions() throws {
    let events = (0..<10).map { Self.event($0, "process", host: "h\($0)") } + [Self.event(20, "network", host: "h0")]
    let result = try EQLMatching.sequences(
      "sequence by host.id [process where true] [network where true]", events, limits: .init(maximumPartials: 4))
    #expect(result.matches.isEmpty)
    #expect(result.statistics.evictions >= 6)
  }

  /// Each stage keeps at most N partial sequences; a full stage evicts its oldest (issue 5 point 5).
  @Test func eachStageEvictsItsOldestPartialSequence() throws {
    let query = "sequence by host.id [process where true] [file where true] [network where true]"
    // Stage 1 gets h0…h4 (h0 and h1 are evicted: at most 3), then h2 and h4 move on to stage 2.
    var events = (0..<5).map { Self.event($0, "process", host: "h\($0)") }
    events += [Self.event(10, "file", host: "h2"), Self.event(11, "file", host: "h4")]
    events += (0..<5).map { Self.event(20 + $0, "network", host: "h\($0)") }
    let limited = try EQLMatching.sequences(query, events, limits: .init(maximumPartialsPerStage: 3))
    #expect(limited.matches == [[2, 5, 9], [4, 6, 11]])
    #expect(limited.statistics.evictions == 2)
    let h0 = [
      Self.event(0, "process", host: "h0"), Self.event(1, "file", host: "h0"), Self.event(2, "network", host: "h0"),
    ]
    // Stage 2 fills while stage 1 never holds more than one: h0 and h1 are evicted there.
    events = (0..<4).flatMap { index in
      [Self.event(2 * index, "process", host: "h\(index)"), Self.event(2 * index + 1, "file", host: "h\(index)")]
    }
    events += (0..<4).map { Self.event(20 + $0, "network", host: "h\($0)") }
    let second = try EQLMatching.sequences(query, events, limits: .init(maximumPartialsPerStage: 2))
    #expect(second.matches == [[4, 5, 10], [6, 7, 11]])
    #expect(second.statistics.evictions == 2)
    #expect(try EQLMatching.sequences(query, h0, limits: .init(maximumPartialsPerStage: 1)).matches == [[0, 1, 2]])
  }

  @Test func perStageEvictionStaysLinearOnALongStream() throws {
    let query = "sequence by host.id [process where true] [network where true]"
    let events = (0..<20_000).map { index in
      let time = "2024-01-01T00:00:00.000Z"
      return #"{"@timestamp":"\#(time)","event":{"category":"process"},"host":{"id":"h\#(index)"}}"#
    }
    let result = try EQLMatching.sequences(query, events, limits: .init(maximumPartialsPerStage: 100))
    #expect(result.matches.isEmpty)
    #expect(result.statistics.evictions == 20_000 - 100)
  }

  /// Elasticsearch's `test_missing_events.toml` cases over its `missing-events.data` (test1, test2, test4), with
  /// `sequence` ids as positions + 1 and `nil` for a missing event.
  static func tagged(_ milliseconds: Int, _ tag: String, k1: String? = nil) -> String {
    let seconds = milliseconds / 1000
    let millis = milliseconds % 1000
    let time =
      "2022-05-04T12:\(seconds / 60 < 10 ? "0" : "")\(seconds / 60):\(seconds % 60 < 10 ? "0" : "")\(seconds % 60)."
      + String(String(millis + 1000).dropFirst()) + "Z"
    return
      #"{"@timestamp":"\#(time)","event":{"category":"test"},"tag":"\#(tag)"\#(k1.map { #","k1":"\#($0)""# } ?? "")}"#
  }

  static let test1 = [tagged(1, "normal"), tagged(2, "normal"), tagged(3, "missing"), tagged(4, "normal")]
  static let test2 = [
    tagged(0, "normal"), tagged(1, "normal"), tagged(2, "missing"), tagged(3, "normal"), tagged(4, "normal"),
    tagged(5, "missing"), tagged(120_006, "missing2"), tagged(180_006, "missing2"),
  ]
  static let test4 = ["A", "B", "M1", "B", "C", "M2", "D", "M1", "C", "B", "C", "D", "A", "B", "M3", "C", "D", "M4"]
    .enumerated().map { tagged($0.offset + 1, $0.element) }

  /// test3: minutes after 12:00 (a missing event at 0, normal at 10, missing at 20, normal at 21, 29, 31).
  static let test3 = [
    tagged(0, "missing"), tagged(600_001, "normal"), tagged(1_200_001, "missing"), tagged(1_260_001, "normal"),
    tagged(1_740_001, "normal"), tagged(1_860_001, "normal"),
  ]

  static func ids(_ groups: [[Int?]]) -> [[Int?]] { groups.map { $0.map { $0.map { $0 + 1 } } } }

  static let missingEvents: [Case] = [
    Case(
      name: "missing in between, none occurs",
      query:
        #"sequence with maxspan=1s [test where tag == "normal"] ![test where tag == "nonexisting"] [test where tag == "normal"]"#,
      events: test1, matches: [[0, nil, 1], [1, nil, 3]]),
    Case(
      name: "missing in between rejects",
      query:
        #"sequence with maxspan=1s [test where tag == "normal"] ![test where tag == "missing"] [test where tag == "normal"]"#,
      events: test1, matches: [[0, nil, 1]]),
    Case(
      name: "trailing missing event",
      query: #"sequence with maxspan=1s [test where tag == "normal"] ![test where tag == "missing"]"#,
      events: test1, matches: [[3, nil]]),
    Case(
      name: "skip the first candidate, pick the second",
      query:
        #"sequence with maxspan=1s [test where tag == "normal"] [test where tag == "normal"] ![test where tag == "missing"] [test where tag == "normal"]"#,
      events: test2, matches: [[1, 3, nil, 4]]),
    Case(
      name: "two missing steps",
      query:
        #"sequence with maxspan=1s [test where tag == "A"] [test where tag == "B"] ![test where tag == "M1"] [test where tag == "C"] ![test where tag == "M2"] [test where tag == "D"]"#,
      events: test4, matches: [[12, 13, nil, 15, nil, 16]]),
    Case(
      name: "a trailing missing step rejects the last candidate",
      query:
        #"sequence with maxspan=1s [test where tag == "A"] [test where tag == "B"] ![test where tag == "M1"] [test where tag == "C"] ![test where tag == "M2"] [test where tag == "D"] ![test where tag == "M4"]"#,
      events: test4, matches: []),
    Case(
      name: "a leading missing step",
      query:
        #"sequence with maxspan=1s ![test where tag == "none"] [test where tag == "A"] [test where tag == "B"] [test where tag == "C"] ![test where tag == "M2"] [test where tag == "D"]"#,
      events: test4, matches: [[nil, 12, 13, 15, nil, 16]]),
    Case(
      name: "a leading missing step",
      query: #"sequence with maxspan=3m ![test where tag == "missing"] [test where tag == "normal"]"#,
      events: test3, matches: [[nil, 1], [nil, 4], [nil, 5]]),
    Case(
      name: "leading and trailing: both needed, more than maxspan apart",
      query:
        #"sequence with maxspan=19m ![test where tag == "missing"] [test where tag == "normal"] ![test where tag == "missing"]"#,
      events: test3, matches: [[nil, 1, nil], [nil, 3, nil], [nil, 4, nil], [nil, 5, nil]]),
    Case(
      name: "leading and trailing: both within maxspan reject",
      query:
        #"sequence with maxspan=21m ![test where tag == "missing"] [test where tag == "normal"] ![test where tag == "missing"]"#,
      events: test3, matches: [[nil, 3, nil], [nil, 4, nil], [nil, 5, nil]]),
    Case(
      name: "missing events join by key",
      query: #"sequence by k1 with maxspan=1s [test where tag == "normal"] ![test where tag == "missing"]"#,
      events: [
        tagged(1, "normal", k1: "a"), tagged(2, "missing", k1: "b"), tagged(3, "normal", k1: "b"),
        tagged(4, "missing", k1: "b"),
      ],
      matches: [[0, nil]]),
    Case(
      name: "a trailing window ends at maxspan after the first event",
      query: #"sequence with maxspan=1s [test where tag == "normal"] ![test where tag == "missing"]"#,
      events: [tagged(0, "normal"), tagged(1001, "missing")], matches: [[0, nil]]),
  ]

  @Test(arguments: missingEvents)
  func missing(_ test: Case) throws {
    #expect(try EQLMatching.sequences(test.query, test.events).matches == test.matches)
  }

  static let samples: [Case] = [
    Case(
      name: "a sample in any order", query: "sample by host.id [process where true] [network where true]",
      events: [event(1, "network"), event(2, "process")], matches: [[1, 0]]),
    Case(
      name: "one sample per key", query: "sample by host.id [process where true] [network where true]",
      events: [event(1, "network"), event(2, "process"), event(3, "network"), event(4, "process")], matches: [[1, 0]]),
    Case(
      name: "keys keep samples apart", query: "sample by host.id [process where true] [network where true]",
      events: [event(1, "network", host: "a"), event(2, "process", host: "b"), event(3, "process", host: "a")],
      matches: [[2, 0]]),
    Case(
      name: "every subquery needs an event", query: "sample by host.id [process where true] [network where true]",
      events: [event(1, "process"), event(2, "process")], matches: []),
    Case(
      name: "a multi-valued key is in the sample of each value",
      query: "sample by host.id [process where true] [network where true]",
      events: [
        #"{"@timestamp":"2024-01-01T00:00:01.000Z","event":{"category":"process"},"host":{"id":["b","a"]}}"#,
        event(2, "network", host: "a"), event(3, "network", host: "b"),
      ],
      matches: [[0, 1], [0, 2]]),
  ]

  @Test(arguments: samples)
  func sample(_ test: Case) throws {
    #expect(try EQLMatching.sequences(test.query, test.events).matches == test.matches)
  }
}
