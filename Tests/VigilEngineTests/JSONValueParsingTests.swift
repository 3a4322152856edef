import Testing
import VigilEngine

@Suite("Parsing JSON into a tree")
struct JSONValueParsingTests {
  /// Strings with their escapes before, at and after the eight-byte words the parser scans, decode to the text they
  /// stand for, and write back as the same JSON.
  @Test(arguments: [
    (#""C:\\Windows\\System32\\cmd.exe""#, "C:\\Windows\\System32\\cmd.exe"),
    (#""a fairly long plain string with no escape at all""#, "a fairly long plain string with no escape at all"),
    (#""0123456789abcdef\"quoted\"""#, "0123456789abcdef\"quoted\""),
    (#""tab\tnew line\nunit\u001f""#, "tab\tnew line\nunit\u{1F}"),
    (#""caf\u00e9 and caf\u00C9 \ud83d\ude00""#, "café and cafÉ 😀"),
    (#""énorme — 😀 plain UTF-8 past a word""#, "énorme — 😀 plain UTF-8 past a word"),
    (#""a\/b, lone \ud800 and \udc00 surrogates""#, "a/b, lone \u{FFFD} and \u{FFFD} surrogates"),
    // A high surrogate followed by an escape that is not a low one, as the event decoder reads it.
    (#""high \ud800\u0041 then""#, "high \u{FFFD}A then"),
    (#""""#, ""),
  ])
  func stringsDecodeAndWriteBack(_ json: String, _ text: String) throws {
    let value = try #require(JSONValue.parse(Array(json.utf8)))
    #expect(value == .string(text))
    let reparsed = JSONValue.parse(Array(value.jsonText.utf8))
    #expect(reparsed == value)
  }

  /// Objects and arrays nested in one another keep their members and items in order; a repeated key keeps its
  /// first place and takes its last value, as setting it again in the tree does.
  @Test func nestedObjectsAndArraysKeepTheirOrder() throws {
    let json = #"{"a":{"x":1,"y":[]},"b":[1,{"y":[2,{"z":null}]},[]],"c":{},"a":{"w":true},"d":"e"}"#
    let value = try #require(JSONValue.parse(Array(json.utf8)))
    let expected = JSONValue.object(
      JSONObject([
        ("a", .object(JSONObject([("w", .bool(true))]))),
        (
          "b",
          .array([
            .number("1"), .object(JSONObject([("y", .array([.number("2"), .object(JSONObject([("z", .null)]))]))])),
            .array([]),
          ])
        ),
        ("c", .object(JSONObject())),
        ("d", .string("e")),
      ]))
    #expect(value == expected)
    #expect(value.object?.keys == ["a", "b", "c", "d"])
    #expect(JSONValue.parse(Array(value.jsonText.utf8)) == value)
  }

  /// What is not JSON gives no tree: invalid UTF-8 inside or outside a string, a raw control character, an
  /// unterminated string or escape.
  @Test(arguments: [
    Array(#"{"a":"bad "#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),
    Array(#"{"a":"0123456789"#.utf8) + [0xFF] + Array(#""}"#.utf8),
    Array(#"{"a":"tab"#.utf8) + [0x09] + Array(#"inside"}"#.utf8),
    Array(#"{"a":"never closed}"#.utf8),
    Array(#"{"a":"ends in \"#.utf8),
    Array(#"{"a":[1,{"b":2,}],"c":3}"#.utf8),
    Array(#"{"a":[1,{"b":2}"#.utf8),
  ])
  func invalidDocumentsGiveNothing(_ bytes: [UInt8]) {
    #expect(JSONValue.parse(bytes) == nil)
  }

  /// Control characters without a short escape are written as `\u00XX` in lower-case hex, `"` and `\` escaped;
  /// the rest of the text, however long, is copied as it is.
  @Test func writerEscapesWhatJSONRequires() {
    let text = "0123456789 \u{1}\u{1B}\u{1F} \"q\" back\\slash\r\n\t done ü"
    #expect(
      JSONValue.string(text).jsonText == #""0123456789 \u0001\u001b\u001f \"q\" back\\slash\r\n\t done ü""#)
  }
}
