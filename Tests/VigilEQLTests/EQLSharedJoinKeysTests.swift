import Testing
import VigilEQL
import VigilEvents
import VigilQuery

/// Sequence rules of a scan share the event's join keys: rules joining on the same fields read them once, and rules
/// joining on other fields (or on the same fields with other optional ones) get keys of their own.
struct EQLSharedJoinKeysTests {
  static let queries = [
    #"sequence by host.id, user.name with maxspan=1m [process where process.name == "a"] [process where process.name == "b"]"#,
    #"sequence by host.id, user.name with maxspan=1m [process where process.name == "b"] [process where process.name == "c"]"#,
    #"sequence by host.id with maxspan=1m [process where process.name == "a"] [process where process.name == "c"]"#,
    #"sequence with maxspan=1m [process where process.name == "a"] by host.id, ?user.name [process where process.name == "c"] by host.id, ?user.name"#,
  ]

  static let events: [(second: Int, name: String, host: String, user: String?)] = [
    (1, "a", "h1", "u1"), (2, "a", "h2", nil), (3, "b", "h1", "u1"), (4, "b", "h2", "u2"), (5, "c", "h1", "u1"),
    (6, "c", "h2", nil), (7, "a", "h1", "u2"), (8, "c", "h1", "u2"),
  ]

  /// Each query's matches (event ids), fed event by event with shared keys or with keys of each matcher's own.
  static func matches(sharing: Bool) throws -> [[[Int?]]] {
    var fields = FieldResolver()
    let sequences = try queries.map { query in
      let lowered = EQLLowering.lower(try #require(EQLParser.parse(query).validQuery), fields: &fields)
      guard case .sequence(let sequence) = lowered.body else {
        throw EQLMatching.Failure(description: "not a sequence")
      }
      return sequence
    }
    let shared = EQLJoinKeys()
    var matchers = sequences.map { EQLSequenceMatcher($0, sharedJoinKeys: sharing ? shared : nil) }
    var found = Array(repeating: [[Int?]](), count: matchers.count)
    let decoder = EventDecoder(catalog: fields.catalog)
    for event in events {
      let user = event.user.map { #","user":{"name":"\#($0)"}"# } ?? ""
      let json =
        #"{"@timestamp":"2024-01-01T00:00:0\#(event.second)Z","event":{"category":"process"},"host":{"id":"\#(event.host)"}\#(user),"process":{"name":"\#(event.name)"}}"#
      let decoded = try decoder.decode(json)
      shared.startEvent()
      for index in matchers.indices {
        found[index] += matchers[index].process(decoded, id: event.second).map(\.events)
      }
    }
    return found
  }

  @Test func sharedKeysGiveEachRuleItsOwnMatches() throws {
    let shared = try Self.matches(sharing: true)
    #expect(shared == (try Self.matches(sharing: false)))
    // The last query joins a missing user.name with a missing one, which the first two (where it is required) never
    // do: its key group is its own though it names the same fields.
    #expect(shared == [[[1, 3]], [[3, 5]], [[1, 5], [2, 6], [7, 8]], [[1, 5], [2, 6], [7, 8]]])
  }
}
