import Testing
import VigilEvents

/// What the reorder buffer holds of an event: some of its fields, given back to its text on the event's turn.
struct HeldFieldsTests {
  static let paths = [
    "@timestamp", "process.name", "process.args", "file.path", "process.pid", "user.name", "host.ip", "tags",
    "process.parent.name",
  ]

  /// Held fields read back as decoded: strings with and without escapes, arrays, numbers, `null`, `[]`; the fields
  /// not held are absent, whatever the event held before; the text and time are the event's.
  @Test func restoredEventsAnswerForTheHeldFieldsAsDecoded() throws {
    let decoder = EventDecoder(catalog: FieldCatalog(Self.paths))
    let document = #"""
      {"@timestamp":"2026-11-02T09:01:00Z","process":{"name":"nc","args":["nc","-U","C:\\run\\\"x\".sock"],
      "pid":4242,"parent":{"name":"bash"}},"file.path":"\u00e9t\u00e9\\x","user":{"name":null},"tags":[],
      "host":{"ip":["10.0.0.1","10.0.0.2"]}}
      """#.replacingOccurrences(of: "\n", with: "")
    let decoded = try decoder.decode(document)
    let catalog = decoder.catalog
    let heldPaths = ["process.args", "file.path", "process.pid", "user.name", "tags", "host.ip", "event.kind"]
    let held = decoded.held(heldPaths.compactMap { catalog.id($0) })

    var restored = try decoder.decode(#"{"process":{"name":"other","parent":{"name":"init"}},"tags":["a"]}"#)
    restored.restore(held, bytes: decoded.bytes)
    #expect(restored.bytes == decoded.bytes)
    #expect(restored.timestamp == decoded.timestamp)
    for path in Self.paths {
      let field = try #require(catalog.id(path))
      let expected = heldPaths.contains(path) ? decoded.values(field).map { render($0, in: decoded) } : []
      #expect(restored.values(field).map { render($0, in: restored) } == expected, "\(path)")
      #expect(restored.contains(field) == (heldPaths.contains(path) && decoded.contains(field)), "\(path)")
    }
    #expect(restored.values(catalog.id("file.path")!).map { render($0, in: restored) } == [#"s:été\x"#])
    #expect(restored.contains(catalog.id("tags")!) && restored.first(catalog.id("tags")!) == nil)
  }
}

extension HeldFieldsTests {
  /// An event whose rules read no field on its turn holds none: restored, it has its text and time and no field,
  /// whatever the reused event held before.
  @Test func anEventHoldingNoFieldsRestoresToItsTextAndTimeAlone() throws {
    let decoder = EventDecoder(catalog: FieldCatalog(Self.paths))
    let decoded = try decoder.decode(#"{"@timestamp":"2026-11-02T09:01:00Z","process":{"name":"nc"}}"#)
    var restored = try decoder.decode(#"{"process":{"name":"other"},"tags":["a"]}"#)
    restored.restore(decoded.held([]), bytes: decoded.bytes)
    #expect(restored.bytes == decoded.bytes)
    #expect(restored.timestamp == decoded.timestamp && restored.timestamp != nil)
    #expect(restored.fields.isEmpty)
    for path in Self.paths { #expect(!restored.contains(decoder.catalog.id(path)!), "\(path)") }
  }
}

extension HeldFieldsTests {
  /// Fields held in the buffer of another event's held fields, of about the size needed (reused), much larger or
  /// smaller (not), and still holding that event's bytes, restore as fields held in a new buffer do.
  @Test func heldFieldsInAReusedBufferRestoreAsInANewOne() throws {
    let decoder = EventDecoder(catalog: FieldCatalog(Self.paths))
    let fields = ["process.args", "process.name", "user.name", "host.ip"].compactMap { decoder.catalog.id($0) }
    let large = try decoder.decode(
      #"{"process":{"name":"x\"y","args":["a","b\\c","d","e","f","g"]},"host":{"ip":["10.0.0.1","10.0.0.2"]}}"#)
    let small = try decoder.decode(#"{"user":{"name":"u"}}"#)
    let similar = try decoder.decode(#"{"process":{"name":"z\"z","args":["ab","-X"]},"user":{"name":"v"}}"#)
    let decoded = try decoder.decode(
      #"{"@timestamp":"2026-11-02T09:01:00Z","process":{"name":"n\"c","args":["nc","-U"]},"user":{"name":null}}"#)
    let expected = decoded.held(fields)
    for previous in [large, small, similar] {
      var spare = previous.held(fields)
      let held = decoded.held(fields, reusing: spare.takeStorage())
      var fresh = try decoder.decode(#"{"tags":["a"]}"#)
      var reused = try decoder.decode(#"{"tags":["a"]}"#)
      fresh.restore(expected, bytes: decoded.bytes)
      reused.restore(held, bytes: decoded.bytes)
      #expect(reused.timestamp == fresh.timestamp)
      for path in Self.paths {
        let field = try #require(decoder.catalog.id(path))
        #expect(reused.contains(field) == fresh.contains(field), "\(path)")
        #expect(
          reused.values(field).map { render($0, in: reused) } == fresh.values(field).map { render($0, in: fresh) },
          "\(path)")
      }
    }
  }
}
