import Testing
import VigilEvents

@Suite("Writing JSON")
struct JSONWriterTests {
  static let roundTrips: [(String, String)] = [
    (#"{"f":"plain"}"#, #""plain""#),
    (#"{"f":"q\"b\\n\n\t\u0001\/"}"#, #""q\"b\\n\n\t\u0001/""#),
    (#"{"f":"\ud83d\ude00 é"}"#, #""😀 é""#),
    (#"{"f":42}"#, "42"),
    (#"{"f":-1.5e2}"#, "-150.0"),
    (#"{"f":18446744073709551615}"#, "18446744073709551615"),
    (#"{"f":[true,null]}"#, "[true,null]"),
    (#"{"f":["one"]}"#, #""one""#),
    (#"{"f":[]}"#, "[]"),
    (#"{"f":{"x": [1, 2]}}"#, #"{"x": [1, 2]}"#),
  ]

  @Test("a field's values written as JSON", arguments: roundTrips)
  func writesField(_ json: String, _ expected: String) throws {
    let decoder = EventDecoder(fields: ["f"])
    let event = try decoder.decode(json)
    var out: [UInt8] = []
    event.appendJSON(decoder.catalog.id("f")!, to: &out)
    #expect(String(decoding: out, as: UTF8.self) == expected)
  }

  @Test func writtenStringsDecodeBackToTheSameBytes() throws {
    let text = "line\nbreak \"quoted\" back\\slash \u{7} tab\t ü 😀"
    var out = Array(#"{"s":"#.utf8)
    JSONWriter.appendString(text, to: &out)
    out.append(UInt8(ascii: "}"))
    let decoder = EventDecoder(fields: ["s"])
    #expect(try decoder.decode(out).string(decoder.catalog.id("s")!) == text)
  }
}
