import Testing

@testable import VigilESQL

/// The strings the interner gives back are always the text of the bytes asked for: kept strings are reused only for
/// the same bytes, a slot taken over by another value gives that value, and invalid UTF-8 is repaired as
/// `String(decoding:as:)` repairs it, every time.
struct ESQLStringInternerTests {
  static func text(_ bytes: [UInt8], _ interner: inout ESQLStringInterner) -> String {
    bytes.withUnsafeBytes { interner.string($0) }
  }

  @Test func givesTheTextOfEveryValueWhenSlotsAreTakenOver() {
    var interner = ESQLStringInterner()
    // Three times as many distinct values as slots, each asked for twice in a row and once again much later: most
    // slots hold several values in turn.
    let values = (0..<3 * ESQLStringInterner.capacity).map { "S-1-5-21-\($0)-agent-\($0 * 7919)" }
    for value in values {
      #expect(Self.text(Array(value.utf8), &interner) == value)
      #expect(Self.text(Array(value.utf8), &interner) == value)
    }
    for value in values.reversed() { #expect(Self.text(Array(value.utf8), &interner) == value) }
  }

  @Test func keepsShortAndRepairedTextsRight() {
    var interner = ESQLStringInterner()
    for value in ["", "root", "exactly15bytes!", "sixteen-bytes-id", "ünïcödé-välue-with-accents"] {
      #expect(Self.text(Array(value.utf8), &interner) == value)
      #expect(Self.text(Array(value.utf8), &interner) == value)
    }
    let invalid: [UInt8] = Array("host-with-a-bad-byte-".utf8) + [0xFF, 0xFE] + Array("-at-the-end".utf8)
    let repaired = String(decoding: invalid, as: UTF8.self)
    #expect(Self.text(invalid, &interner) == repaired)
    #expect(Self.text(invalid, &interner) == repaired)
    // The repaired text's own bytes are a different value, with the same text.
    #expect(Self.text(Array(repaired.utf8), &interner) == repaired)
  }
}
