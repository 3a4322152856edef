/// Two independent 64-bit hashes (FNV-1a from two offsets, over each value's UTF-8 bytes and length) of a value
/// combination: what stateful tables keep instead of the values (new-terms histories, the ids of alerts written).
struct Fingerprint: Hashable {
  let first: UInt64
  let second: UInt64

  init(_ values: [String]) {
    var first: UInt64 = 0xcbf2_9ce4_8422_2325
    var second: UInt64 = 0x8422_2325_cbf2_9ce4
    for value in values {
      for byte in value.utf8 {
        first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 ^ (second >> 29)
      }
      // The length closes each value, so ["ab", "c"] and ["a", "bc"] differ.
      let length = UInt64(value.utf8.count)
      first = (first ^ length) &* 0x0000_0100_0000_01b3
      second = (second ^ (length &+ 0x9e37_79b9)) &* 0x0000_0100_0000_01b3
    }
    self.first = first
    self.second = second
  }
}
