import Testing
import VigilEQL
import VigilEvents
import VigilQuery

/// The engine keeps an event's document only while a partial sequence holds it: the matcher says which events it
/// holds.
struct EQLSequenceHoldTests {
  @Test func onlyEventsThatStartOrExtendAPartialSequenceAreHeld() throws {
    let parsed = EQLParser.parse(
      #"sequence by host.id with maxspan=1m [process where process.name == "a"] [process where process.name == "b"]"#)
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(try #require(parsed.validQuery), fields: &fields)
    guard case .sequence(let sequence) = lowered.body else { throw EQLMatching.Failure(description: "not a sequence") }
    var matcher = EQLSequenceMatcher(sequence, limits: .init())
    let decoder = EventDecoder(catalog: fields.catalog)
    func feed(_ second: Int, _ name: String) throws -> (matches: Int, held: Bool) {
      let json =
        #"{"@timestamp":"2024-01-01T00:00:0\#(second)Z","event":{"category":"process"},"host":{"id":"h"},"process":{"name":"\#(name)"}}"#
      let matches = matcher.process(try decoder.decode(json), id: second).count
      return (matches, matcher.holdsLastEvent)
    }
    #expect(try feed(1, "x") == (0, false))  // matches no step
    #expect(try feed(2, "b") == (0, false))  // a later step, but no partial sequence to extend
    #expect(try feed(3, "a") == (0, true))  // starts a partial sequence
    #expect(try feed(4, "b") == (1, false))  // completes it: the sequence is reported, nothing waits on the event
  }
}
