/// A CIDR block (`10.0.0.0/8`, `fe80::/10`, or a bare address meaning `/32` or `/128`) on the 16-byte `ip` form.
///
/// IPv4 blocks are IPv4-mapped (`10.0.0.0/8` is `::ffff:10.0.0.0/104`), so IPv4 addresses fall in IPv4-mapped IPv6
/// blocks and in `::/0`, exactly as with Elasticsearch's `ip` field. Host bits are masked off, as Elasticsearch's
/// prefix queries do.
public struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
  /// The first address of the block.
  public let network: IPAddress
  /// Prefix length on the 16-byte form (0...128); an IPv4 `/n` is `96 + n`.
  public let prefixLength: Int
  private let maskHigh: UInt64
  private let maskLow: UInt64

  /// The block of `prefixLength` leading bits (of the 16-byte form) of `address`.
  public init(address: IPAddress, prefixLength: Int) {
    let p = max(0, min(128, prefixLength))
    self.prefixLength = p
    maskHigh = p >= 64 ? .max : p == 0 ? 0 : ~(UInt64.max >> UInt64(p))
    maskLow = p <= 64 ? 0 : p == 128 ? .max : ~(UInt64.max >> UInt64(p - 64))
    network = IPAddress(high: address.high & maskHigh, low: address.low & maskLow)
  }

  /// Parses `text` (see ``parse(_:)``).
  public init?(_ text: String) {
    var s = text
    guard let block = s.withUTF8({ CIDRBlock.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
    self = block
  }

  /// Parses `address/prefix` or a bare address from UTF-8 without allocating. The prefix is 0–32 after an IPv4
  /// address and 0–128 after an IPv6 one.
  public static func parse(_ p: UnsafeRawBufferPointer) -> CIDRBlock? {
    var slash = -1
    for k in 0..<p.count where p[k] == 0x2F {
      slash = k
      break
    }
    guard slash >= 0 else {
      guard let a = IPAddress.parse(p) else { return nil }
      return CIDRBlock(address: a, prefixLength: 128)
    }
    let addressPart = UnsafeRawBufferPointer(rebasing: p[0..<slash])
    guard let address = IPAddress.parse(addressPart), slash + 1 < p.count, p.count - slash - 1 <= 3 else { return nil }
    var bits = 0
    for k in (slash + 1)..<p.count {
      guard p[k] &- 0x30 < 10 else { return nil }
      bits = bits * 10 + Int(p[k] - 0x30)
    }
    var isIPv4Text = true
    for k in 0..<slash where p[k] == 0x3A {
      isIPv4Text = false
      break
    }
    if isIPv4Text {
      guard bits <= 32 else { return nil }
      return CIDRBlock(address: address, prefixLength: 96 + bits)
    }
    guard bits <= 128 else { return nil }
    return CIDRBlock(address: address, prefixLength: bits)
  }

  /// The last address of the block.
  public var last: IPAddress { IPAddress(high: network.high | ~maskHigh, low: network.low | ~maskLow) }

  /// Whether `address` is in the block.
  @inlinable
  public func contains(_ address: IPAddress) -> Bool {
    address >= network && address <= last
  }

  /// Whether the UTF-8 text `input` is an address in the block; `false` when it is not an address.
  public func contains(_ input: UnsafeRawBufferPointer) -> Bool {
    guard let a = IPAddress.parse(input) else { return false }
    return contains(a)
  }

  /// Whether `text` is an address in the block (convenience).
  public func contains(_ text: String) -> Bool {
    IPAddress(text).map(contains) ?? false
  }

  /// `a.b.c.d/n` for IPv4-mapped blocks of at least 96 bits, otherwise `ipv6/n`.
  public var description: String {
    network.isIPv4 && prefixLength >= 96 ? "\(network)/\(prefixLength - 96)" : "\(network)/\(prefixLength)"
  }
}
