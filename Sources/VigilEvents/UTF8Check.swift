/// Finds invalid UTF-8 quickly: ASCII is skipped thirty-two bytes at a time, then eight.
public enum UTF8Check {
  /// The offset of the first byte that is not part of valid UTF-8, or `nil`.
  public static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    var i = 0
    while i < n {
      while i + 32 <= n, isASCII32(UnsafeRawPointer(p + i)) { i += 32 }
      if i == n { break }
      if i + 8 <= n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
        i += 8
        continue
      }
      let lead = p[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return i
      }
      guard i + length <= n else { return i }
      let second = p[i + 1]
      guard second >= low && second <= high else { return i }
      for k in 2..<max(2, length) where p[i + k] & 0xC0 != 0x80 { return i }
      i += length
    }
    return nil
  }

  /// Whether the 32 bytes at `p` are all ASCII: one test of four words or-ed together.
  @inline(__always)
  static func isASCII32(_ p: UnsafeRawPointer) -> Bool {
    let words =
      p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    return words & 0x8080_8080_8080_8080 == 0
  }
}
