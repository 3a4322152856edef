import Testing
import VigilEvents

/// The UTF-8 check finds the first invalid byte wherever it falls among the ASCII runs it skips in blocks, and reads
/// nothing past the end.
struct UTF8CheckTests {
  static let invalid: [[UInt8]] = [
    [0xFF], [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82],
  ]

  /// The first invalid byte of `bytes`, checked with invalid bytes right after them in memory: a read past the end
  /// would report the end.
  static func firstInvalid(_ bytes: [UInt8]) -> Int? {
    (bytes + Array(repeating: 0xFF, count: 40)).withUnsafeBufferPointer {
      UTF8Check.firstInvalid($0.baseAddress!, bytes.count)
    }
  }

  @Test(arguments: 0..<70)
  func findsTheFirstInvalidByteAtEveryOffset(_ offset: Int) {
    let ascii = Array(repeating: UInt8(ascii: "a"), count: offset)
    for sequence in Self.invalid {
      #expect(Self.firstInvalid(ascii + sequence + Array(repeating: UInt8(ascii: "b"), count: 40)) == offset)
    }
    for tail in 0..<40 {
      #expect(Self.firstInvalid(ascii + Array("é€😀 x".utf8) + Array(repeating: UInt8(ascii: "b"), count: tail)) == nil)
    }
    #expect(Self.firstInvalid(ascii) == nil)
  }
}
