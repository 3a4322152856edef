/// An IP address in Elasticsearch's `ip` form: 16 bytes, IPv4 stored as IPv4-mapped IPv6 (`::ffff:a.b.c.d`).
///
/// Ordering is that of the 16 bytes, which is how Elasticsearch sorts and range-compares `ip` values, so
/// `<`, `>=` and `ClosedRange<IPAddress>` implement `ip` comparisons directly.
public struct IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Bytes 0–7, big-endian.
  public let high: UInt64
  /// Bytes 8–15, big-endian.
  public let low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// The IPv4-mapped form of a 32-bit IPv4 address.
  public init(ipv4: UInt32) {
    high = 0
    low = 0xFFFF_0000_0000 | UInt64(ipv4)
  }

  /// Whether this is an IPv4 address (IPv4-mapped in the 16-byte form).
  public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

  /// The IPv4 address, when this is one.
  public var ipv4: UInt32? { isIPv4 ? UInt32(truncatingIfNeeded: low) : nil }

  /// The address bytes, big-endian.
  public var bytes: [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
      + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
  }

  public static func < (a: IPAddress, b: IPAddress) -> Bool {
    a.high != b.high ? a.high < b.high : a.low < b.low
  }

  /// Dotted quad for IPv4, otherwise RFC 5952 text (lower-case hex, longest run of two or more zero groups as `::`).
  public var description: String {
    if let v4 = ipv4 { return "\(v4 >> 24).\(v4 >> 16 & 0xFF).\(v4 >> 8 & 0xFF).\(v4 & 0xFF)" }
    let groups = (0..<8).map { k in UInt16(truncatingIfNeeded: (k < 4 ? high : low) >> (48 - 16 * (k % 4))) }
    var bestStart = -1
    var bestLength = 1
    var k = 0
    while k < 8 {
      guard groups[k] == 0 else {
        k += 1
        continue
      }
      var j = k
      while j < 8 && groups[j] == 0 { j += 1 }
      if j - k > bestLength {
        bestStart = k
        bestLength = j - k
      }
      k = j
    }
    func hex(_ range: Range<Int>) -> String { range.map { String(groups[$0], radix: 16) }.joined(separator: ":") }
    guard bestStart >= 0 else { return hex(0..<8) }
    return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
  }
}
