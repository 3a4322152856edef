import Testing

@testable import VigilEvents

/// Key bytes are compared in words of eight, four and two bytes: every length and every differing position is told
/// apart, and bytes past the length are never compared.
struct MemoryEqualTests {
  /// Whether the first `count` bytes of `a` and `b` are equal, by ``memoryEqual(_:_:_:)``.
  static func equal(_ a: [UInt8], _ b: [UInt8], _ count: Int) -> Bool {
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in memoryEqual(a.baseAddress!, b.baseAddress!, count) }
    }
  }

  @Test(arguments: 0..<41)
  func findsEveryDifferenceAndNothingPastTheEnd(_ count: Int) {
    let key = (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    // Different bytes after the compared ones: a read past `count` would see them.
    let a = key + Array(repeating: 0x01, count: 8)
    let b = key + Array(repeating: 0x02, count: 8)
    #expect(Self.equal(a, b, count))
    for position in 0..<count {
      var changed = b
      changed[position] ^= 0x20
      #expect(!Self.equal(a, changed, count), "a difference at \(position) of \(count) bytes")
    }
  }
}
