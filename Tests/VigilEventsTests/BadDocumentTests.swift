import Testing
import VigilEvents

@Suite("Rejecting malformed documents")
struct BadDocumentTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var bytes: [UInt8]
    var kind: DecodeError.Kind
    var offset: Int
    /// Whether a decoder that skips the subtree (only checking its brackets and strings) lets the error pass.
    var passesWhenSkipped = false
    init(_ json: String, _ kind: DecodeError.Kind, at offset: Int, passesWhenSkipped: Bool = false) {
      bytes = Array(json.utf8)
      self.kind = kind
      self.offset = offset
      self.passesWhenSkipped = passesWhenSkipped
    }
    init(bytes: [UInt8], _ kind: DecodeError.Kind, at offset: Int) {
      self.bytes = bytes
      self.kind = kind
      self.offset = offset
    }
    var testDescription: String { String(decoding: bytes.prefix(60), as: UTF8.self) }
  }

  static let cases: [Case] = [
    Case("", .empty, at: 0),
    Case("   ", .empty, at: 3),
    Case("[1,2]", .notAnObject, at: 0),
    Case(#""a""#, .notAnObject, at: 0),
    Case(#"{"a":1"#, .unexpectedEnd, at: 6),
    Case(#"{"a":"x"#, .unexpectedEnd, at: 7),
    Case(#"{"a":}"#, .unexpectedByte(UInt8(ascii: "}")), at: 5),
    Case(#"{"a":1,}"#, .expectedKey, at: 7),
    Case(#"{a:1}"#, .expectedKey, at: 1),
    Case(#"{"a" 1}"#, .expectedColon, at: 5),
    Case(#"{"a":1 "b":2}"#, .expectedCommaOrEnd, at: 7),
    Case(#"{"a":[1 2]}"#, .expectedCommaOrEnd, at: 8, passesWhenSkipped: true),
    Case(#"{"a":tru}"#, .invalidLiteral, at: 5),
    Case(#"{"a":nul}"#, .invalidLiteral, at: 5),
    Case(#"{"a":falsey}"#, .invalidLiteral, at: 10),
    Case(#"{"a":01}"#, .invalidNumber, at: 6),
    Case(#"{"a":1.}"#, .invalidNumber, at: 7),
    Case(#"{"a":-}"#, .invalidNumber, at: 5),
    Case(#"{"a":1e}"#, .invalidNumber, at: 7),
    Case(#"{"a":+1}"#, .unexpectedByte(UInt8(ascii: "+")), at: 5),
    Case(#"{"a":"\x"}"#, .invalidEscape, at: 6, passesWhenSkipped: true),
    Case(#"{"a":"\u12"}"#, .invalidEscape, at: 6, passesWhenSkipped: true),
    Case("{\"a\":\"b\u{1}\"}", .controlCharacterInString, at: 7),
    Case(#"{"a":1} {"b":2}"#, .trailingData, at: 8),
    Case(#"{"a":1}}"#, .trailingData, at: 7),
    // Skipped subtrees are still checked for matching brackets and closed strings.
    Case(#"{"x":[1,2},"a":1}"#, .expectedCommaOrEnd, at: 9),
    Case(#"{"x":{"y":[}}"#, .unexpectedByte(UInt8(ascii: "}")), at: 11),
    Case(#"{"x":{"y":"#, .unexpectedEnd, at: 10),
    Case(String(repeating: #"{"a":"#, count: 200) + "1" + String(repeating: "}", count: 200), .tooDeep, at: 640),
    Case(bytes: Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8), .invalidUTF8, at: 6),
    Case(bytes: Array(#"{"a":""#.utf8) + [0xC3] + Array(#""}"#.utf8), .invalidUTF8, at: 6),
    Case(bytes: Array(#"{"a":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), .invalidUTF8, at: 6),
    Case(bytes: Array(#"{"a":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), .invalidUTF8, at: 6),
  ]

  @Test("a malformed document is an error with its byte offset", arguments: cases)
  func rejected(_ test: Case) {
    #expect(throws: DecodeError(test.kind, at: test.offset)) { try EventDecoder().decode(test.bytes) }
    if !test.passesWhenSkipped {
      #expect(throws: DecodeError.self) { try EventDecoder(fields: ["b"]).decode(test.bytes) }
    }
  }

  @Test func theMessageNamesTheProblemAndByte() {
    #expect(DecodeError(.expectedColon, at: 4).description == "expected ':' after key at byte 5")
    #expect(DecodeError(.unexpectedByte(0x7D), at: 0).message == "unexpected '}'")
  }

  @Test func aDecoderRecoversAfterAnError() throws {
    let decoder = EventDecoder(fields: ["a"])
    var event = Event()
    #expect(throws: DecodeError.self) {
      try Array(#"{"a":[1,"#.utf8).withUnsafeBytes { try decoder.decode($0, into: &event) }
    }
    #expect(event.fields.isEmpty)
    event = try decoder.decode(#"{"a":2}"#)
    #expect(event.first(decoder.catalog.id("a")!) == .int(2))
  }
}
