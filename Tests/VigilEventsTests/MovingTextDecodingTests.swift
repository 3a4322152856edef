import Testing
import VigilEvents

/// `decode(movingText:into:)`, with which parallel scans decode a document without copying its text: the event must
/// read as one decoded from a copy, over and over with the same buffers, and a bad document leave its text alone.
struct MovingTextDecodingTests {
  static let paths = ["@timestamp", "process.name", "process.args", "file.path", "user.name"]

  static let documents = [
    #"{"@timestamp":"2026-11-02T09:01:00Z","process":{"name":"nc","args":["nc","-U","/run/x.sock"]}}"#,
    #"{"@timestamp":"2026-11-02T09:02:00.5Z","file.path":"\u00e9t\u00e9\\x","user":{"name":null}}"#,
    #"{"process":{"name":"a-much-longer-name-than-before","args":[]},"user.name":"root"}"#,
  ]

  @Test func eventsReadAsThoseDecodedFromACopy() throws {
    let decoder = EventDecoder(catalog: FieldCatalog(Self.paths))
    var text: [UInt8] = []
    var event = Event()
    for round in 0..<3 {
      for document in Self.documents {
        text.removeAll(keepingCapacity: true)
        text.append(contentsOf: document.utf8)
        try decoder.decode(movingText: &text, into: &event)
        let copied = try decoder.decode(document)
        #expect(event.bytes == Array(document.utf8), "round \(round)")
        #expect(event.timestamp == copied.timestamp)
        for path in Self.paths {
          let expected = rendered(path, in: copied, decoder: decoder)
          #expect(rendered(path, in: event, decoder: decoder) == expected, "\(path)")
        }
        // The text buffer is the event's former one, emptied, ready for the next document.
        #expect(text.isEmpty)
      }
    }
  }

  @Test func aBadDocumentLeavesItsTextAndAnEmptyEvent() throws {
    let decoder = EventDecoder(catalog: FieldCatalog(Self.paths))
    var event = try decoder.decode(Self.documents[0])
    var text = Array(#"{"process":{"name":"nc"}"#.utf8)
    #expect(throws: DecodeError.self) { try decoder.decode(movingText: &text, into: &event) }
    #expect(text == Array(#"{"process":{"name":"nc"}"#.utf8))
    #expect(event.bytes.isEmpty && event.fields.isEmpty && event.timestamp == nil)
  }
}
