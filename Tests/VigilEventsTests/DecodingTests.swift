import Testing
import VigilEvents

@Suite("Decoding field values")
struct DecodingTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var json: String
    var path: String
    var expected: [String]
    var testDescription: String { "\(path) in \(json)" }
  }

  static let cases: [Case] = [
    // Nested objects and dotted keys are the same field.
    Case(json: #"{"process":{"name":"x"}}"#, path: "process.name", expected: ["s:x"]),
    Case(json: #"{"process.name":"x"}"#, path: "process.name", expected: ["s:x"]),
    Case(json: #"{"process":{"parent.name":"y"}}"#, path: "process.parent.name", expected: ["s:y"]),
    Case(json: #"{"process.parent":{"name":"y"}}"#, path: "process.parent.name", expected: ["s:y"]),
    Case(json: #"{"a":{"b":1},"a.b":2}"#, path: "a.b", expected: ["i:1", "i:2"]),
    // Arrays are flattened; one element is the same as a single value.
    Case(json: #"{"event":{"category":["process"]}}"#, path: "event.category", expected: ["s:process"]),
    Case(
      json: #"{"event":{"type":["start","process_started"]}}"#, path: "event.type",
      expected: ["s:start", "s:process_started"]),
    Case(json: #"{"a":[["x"],"y",[[]]]}"#, path: "a", expected: ["s:x", "s:y"]),
    Case(json: #"{"a":[1,"two",true,null,2.5]}"#, path: "a", expected: ["i:1", "s:two", "b:true", "null", "d:2.5"]),
    Case(
      json: #"{"threat":{"enrichments":[{"indicator":{"type":"ip"}},{"indicator":{"type":"domain"}}]}}"#,
      path: "threat.enrichments.indicator.type", expected: ["s:ip", "s:domain"]),
    Case(json: #"{"a":null}"#, path: "a", expected: ["null"]),
    Case(json: #"{"a":[]}"#, path: "a", expected: []),
    Case(json: #"{"a":false,"b":true}"#, path: "a", expected: ["b:false"]),
    // Numbers: integers exact in Int64, big integers kept as text, doubles correctly rounded.
    Case(json: #"{"n":0}"#, path: "n", expected: ["i:0"]),
    Case(json: #"{"n":-0}"#, path: "n", expected: ["i:0"]),
    Case(json: #"{"n":9223372036854775807}"#, path: "n", expected: ["i:9223372036854775807"]),
    Case(json: #"{"n":-9223372036854775808}"#, path: "n", expected: ["i:-9223372036854775808"]),
    Case(json: #"{"n":9223372036854775808}"#, path: "n", expected: ["n:9223372036854775808"]),
    Case(json: #"{"n":18446744073709551615}"#, path: "n", expected: ["n:18446744073709551615"]),
    Case(json: #"{"n":-9223372036854775809}"#, path: "n", expected: ["n:-9223372036854775809"]),
    Case(json: #"{"n":123456789012345678901234567890}"#, path: "n", expected: ["n:123456789012345678901234567890"]),
    Case(json: #"{"n":1.5}"#, path: "n", expected: ["d:1.5"]),
    Case(json: #"{"n":-0.0}"#, path: "n", expected: ["d:-0.0"]),
    Case(json: #"{"n":0.1}"#, path: "n", expected: ["d:0.1"]),
    Case(json: #"{"n":1e3}"#, path: "n", expected: ["d:1000.0"]),
    Case(json: #"{"n":2.5E-3}"#, path: "n", expected: ["d:0.0025"]),
    Case(json: #"{"n":1.7976931348623157e308}"#, path: "n", expected: ["d:1.7976931348623157e+308"]),
    Case(json: #"{"n":5e-324}"#, path: "n", expected: ["d:5e-324"]),
    Case(json: #"{"n":3.141592653589793238462643}"#, path: "n", expected: ["d:3.141592653589793"]),
    Case(json: #"{"n":1e400}"#, path: "n", expected: ["n:1e400"]),
    // Strings: every escape, surrogate pairs, raw UTF-8.
    Case(json: #"{"s":"a\"b\\c\/d\be\ff\ng\rh\ti"}"#, path: "s", expected: ["s:a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti"]),
    Case(json: #"{"s":"caf\u00e9 \u00E9"}"#, path: "s", expected: ["s:café é"]),
    Case(json: #"{"s":"\ud83d\ude00!"}"#, path: "s", expected: ["s:😀!"]),
    Case(json: #"{"s":"\ud83d x"}"#, path: "s", expected: ["s:\u{FFFD} x"]),
    Case(json: #"{"s":"\ude00"}"#, path: "s", expected: ["s:\u{FFFD}"]),
    Case(json: #"{"s":"\u0000"}"#, path: "s", expected: ["s:\u{0}"]),
    Case(json: #"{"s":"naïve ✓ 😀"}"#, path: "s", expected: ["s:naïve ✓ 😀"]),
    Case(json: #"{"s":""}"#, path: "s", expected: ["s:"]),
    Case(json: #"{"s":"C:\\Windows\\System32\\cmd.exe"}"#, path: "s", expected: ["s:C:\\Windows\\System32\\cmd.exe"]),
    Case(json: #"{"pro\u0063ess.name":"x"}"#, path: "process.name", expected: ["s:x"]),
    Case(json: #"{"user":{"name":"a\"b"},"x":["\"]"]}"#, path: "user.name", expected: ["s:a\"b"]),
    // Whitespace anywhere JSON allows it.
    Case(json: " {\r\n \"a\" :\t[ 1 , 2 ] ,\"b\" : { } } ", path: "a", expected: ["i:1", "i:2"]),
  ]

  @Test("decoding every field", arguments: cases)
  func allFields(_ test: Case) throws {
    let decoder = EventDecoder()
    let event = try decoder.decode(test.json)
    #expect(rendered(test.path, in: event, decoder: decoder) == test.expected)
  }

  @Test("decoding only the wanted field", arguments: cases)
  func wantedField(_ test: Case) throws {
    let decoder = EventDecoder(fields: [test.path])
    let event = try decoder.decode(test.json)
    #expect(rendered(test.path, in: event, decoder: decoder) == test.expected)
    #expect(decoder.catalog.count == 2)  // the path and @timestamp, nothing else
  }

  @Test("the original bytes are kept exactly", arguments: cases)
  func originalBytes(_ test: Case) throws {
    let event = try EventDecoder(fields: ["a"]).decode(test.json)
    #expect(event.bytes == Array(test.json.utf8))
  }

  @Test func presenceOfEmptyArraysAndNulls() throws {
    let decoder = EventDecoder(fields: ["a", "b", "c"])
    let event = try decoder.decode(#"{"a":[],"b":null}"#)
    let (a, b, c) = (decoder.catalog.id("a")!, decoder.catalog.id("b")!, decoder.catalog.id("c")!)
    #expect(event.contains(a) && !event.exists(a))
    #expect(event.contains(b) && !event.exists(b))
    #expect(!event.contains(c) && !event.exists(c))
    #expect(event.values(a).isEmpty)
    #expect(event.first(b) == .null)
  }

  @Test func stringsCompareAsBytes() throws {
    let decoder = EventDecoder(fields: ["a"])
    let event = try decoder.decode(#"{"a":["cmd.exe","CMD.EXE","c\u006dd.exe",1]}"#)
    let matches = event.values(decoder.catalog.id("a")!).map { event.stringEquals($0, Array("cmd.exe".utf8)) }
    #expect(matches == [true, false, true, false])
  }

  @Test func unwantedSubtreesAreSkipped() throws {
    let decoder = EventDecoder(fields: ["process.name", "process.parent.pid"])
    let json = #"""
      {"host":{"os":{"name":"x"}},"process":{"args":["a",{"b":[1,2,{"c":"}"}]}],"name":"cmd.exe",
       "parent":{"pid":7,"name":"explorer.exe"},"pe":{"x":"\"{["}},"tags":[[[]]]}
      """#
    let event = try decoder.decode(json)
    #expect(rendered("process.name", in: event, decoder: decoder) == ["s:cmd.exe"])
    #expect(rendered("process.parent.pid", in: event, decoder: decoder) == ["i:7"])
    #expect(event.fields.count == 2)
    #expect(decoder.catalog.id("host.os.name") == nil)
  }

  @Test func aWantedObjectWithoutWantedChildrenKeepsItsText() throws {
    let decoder = EventDecoder(fields: ["process.pe"])
    let event = try decoder.decode(#"{"process":{"pe":{"original_file_name":"a.exe"}}}"#)
    #expect(rendered("process.pe", in: event, decoder: decoder) == [#"o:{"original_file_name":"a.exe"}"#])
  }

  @Test func decodingAgainReusesTheEvent() throws {
    let decoder = EventDecoder(fields: ["a", "b"])
    var event = Event()
    for (json, a, b) in [(#"{"a":1,"b":2}"#, ["i:1"], ["i:2"]), (#"{"a":"x"}"#, ["s:x"], [])] {
      try Array(json.utf8).withUnsafeBytes { try decoder.decode($0, into: &event) }
      #expect(rendered("a", in: event, decoder: decoder) == a)
      #expect(rendered("b", in: event, decoder: decoder) == b)
      #expect(event.bytes == Array(json.utf8))
    }
  }

  @Test func fieldsAreListedInDocumentOrder() throws {
    let decoder = EventDecoder()
    let event = try decoder.decode(#"{"b":1,"a":{"c":[],"d":null},"b2":"x","a.c":3}"#)
    #expect(event.fields.map { decoder.catalog.path($0) } == ["b", "a.c", "a.d", "b2"])
  }

  @Test("one decoder, documents of changing shapes", arguments: [false, true])
  func changingShapes(allFields: Bool) throws {
    let decoder = allFields ? EventDecoder() : EventDecoder(fields: ["a.b", "a.c", "c", "d", "e.f"])
    let documents: [(String, [String: [String]])] = [
      (#"{"a":{"b":1,"c":2},"d":3,"x":{"y":4}}"#, ["a.b": ["i:1"], "a.c": ["i:2"], "d": ["i:3"]]),
      (#"{"a":{"c":5,"b":6},"x":1,"d":7}"#, ["a.b": ["i:6"], "a.c": ["i:5"], "d": ["i:7"]]),
      (#"{"d":8,"a.b":9,"a":{"bb":0,"c":10}}"#, ["a.b": ["i:9"], "a.c": ["i:10"], "d": ["i:8"]]),
      (
        #"{"a":{"b":{"z":1},"c":[]},"e":[{"f":"g"},{"x":1},{"f":"h"}]}"#,
        ["a.b": allFields ? [] : [#"o:{"z":1}"#], "a.c": [], "d": [], "e.f": ["s:g", "s:h"]]
      ),
      (#"{"a":{"b":1,"c":2},"d":3,"x":{"y":4}}"#, ["a.b": ["i:1"], "a.c": ["i:2"], "d": ["i:3"]]),
      // After a dotted key, the next key is still read from the object it is in.
      (#"{"a.b":1,"c":2,"d":3}"#, ["a.b": ["i:1"], "a.c": [], "c": ["i:2"], "d": ["i:3"]]),
    ]
    for (json, expected) in documents {
      let event = try decoder.decode(json)
      for (path, values) in expected {
        #expect((rendered(path, in: event, decoder: decoder) ?? []) == values, "\(path) in \(json)")
      }
    }
  }

  @Test func decodersOfTheSameSetAgreeOnIdentifiers() {
    let paths: Set<String> = ["process.name", "event.category", "host.os.type"]
    #expect(EventDecoder(fields: paths).catalog.allPaths == EventDecoder(fields: paths).catalog.allPaths)
  }
}

/// An event reused by decoders of every field with different catalogs decodes each document whole: the second
/// decoder's catalog is smaller than the tables the event kept from the first.
@Test func anEventReusedAcrossDecodersOfEveryFieldDecodesWhole() throws {
  let large = EventDecoder()
  var event = Event()
  let wide = "{" + (0..<40).map { #""f\#($0)":\#($0)"# }.joined(separator: ",") + "}"
  try wide.utf8.withContiguousStorageIfAvailable { try large.decode(UnsafeRawBufferPointer($0), into: &event) }
  let small = EventDecoder()
  let document = #"{"a":[1,2],"b":"x"}"#
  try document.utf8.withContiguousStorageIfAvailable { try small.decode(UnsafeRawBufferPointer($0), into: &event) }
  #expect(rendered("a", in: event, decoder: small) == ["i:1", "i:2"])
  #expect(rendered("b", in: event, decoder: small) == ["s:x"])
}
