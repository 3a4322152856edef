extension IPAddress {
  /// Parses `string` as an IPv4 or IPv6 address (see ``parse(_:)``).
  public init?(_ string: String) {
    var s = string
    guard let a = s.withUTF8({ IPAddress.parse(UnsafeRawBufferPointer($0)) }) else { return nil }
    self = a
  }

  /// Parses UTF-8 text as an address without allocating.
  ///
  /// Accepts dotted-quad IPv4 (decimal octets 0–255, no leading zeros, as Elasticsearch's `InetAddresses`) and every
  /// textual IPv6 form: eight groups of one to four hex digits, one `::` standing for at least one zero group, and an
  /// embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::10.0.0.1`). Zone indices (`%eth0`) are rejected.
  public static func parse(_ p: UnsafeRawBufferPointer) -> IPAddress? {
    let n = p.count
    guard n > 0 else { return nil }
    var hasColon = false
    for k in 0..<n where p[k] == 0x3A {
      hasColon = true
      break
    }
    if !hasColon { return parseIPv4(p, from: 0, to: n).map(IPAddress.init(ipv4:)) }
    return parseIPv6(p)
  }

  /// A dotted-quad IPv4 address in `p[from..<to]`.
  static func parseIPv4(_ p: UnsafeRawBufferPointer, from: Int, to: Int) -> UInt32? {
    var value: UInt32 = 0
    var octets = 0
    var i = from
    while octets < 4 {
      if octets > 0 {
        guard i < to, p[i] == 0x2E else { return nil }
        i += 1
      }
      let start = i
      var octet: UInt32 = 0
      while i < to, i - start < 3, p[i] &- 0x30 < 10 {
        octet = octet * 10 + UInt32(p[i] - 0x30)
        i += 1
      }
      let length = i - start
      guard length > 0, octet <= 255, !(length > 1 && p[start] == 0x30) else { return nil }
      value = value << 8 | octet
      octets += 1
    }
    return i == to ? value : nil
  }

  private static func hexValue(_ b: UInt8) -> UInt16? {
    switch b {
    case 0x30...0x39: UInt16(b - 0x30)
    case 0x61...0x66: UInt16(b - 0x61 + 10)
    case 0x41...0x46: UInt16(b - 0x41 + 10)
    default: nil
    }
  }

  private static func parseIPv6(_ p: UnsafeRawBufferPointer) -> IPAddress? {
    let n = p.count
    var head = SIMD8<UInt16>()
    var tail = SIMD8<UInt16>()
    var headCount = 0
    var tailCount = 0
    var skipped = false
    var i = 0
    if p[0] == 0x3A {
      guard n >= 2, p[1] == 0x3A else { return nil }
      skipped = true
      i = 2
    }
    func append(_ g: UInt16) -> Bool {
      guard headCount + tailCount < 8 else { return false }
      if skipped {
        tail[tailCount] = g
        tailCount += 1
      } else {
        head[headCount] = g
        headCount += 1
      }
      return true
    }
    while i < n {
      // One group, or the embedded IPv4 tail when a '.' comes before the next ':'.
      var j = i
      var isIPv4 = false
      while j < n && p[j] != 0x3A {
        if p[j] == 0x2E { isIPv4 = true }
        j += 1
      }
      if isIPv4 {
        guard j == n, let v4 = parseIPv4(p, from: i, to: n) else { return nil }
        guard append(UInt16(v4 >> 16)), append(UInt16(truncatingIfNeeded: v4)) else { return nil }
        i = n
        break
      }
      guard j - i >= 1, j - i <= 4 else { return nil }
      var g: UInt16 = 0
      for k in i..<j {
        guard let h = hexValue(p[k]) else { return nil }
        g = g << 4 | h
      }
      guard append(g) else { return nil }
      i = j
      if i == n { break }
      i += 1  // ':'
      if i < n && p[i] == 0x3A {
        guard !skipped else { return nil }
        skipped = true
        i += 1
      } else if i == n {
        return nil  // trailing single ':'
      }
    }
    let groups = headCount + tailCount
    guard skipped ? groups <= 7 : groups == 8 else { return nil }
    var all = SIMD8<UInt16>()
    for k in 0..<headCount { all[k] = head[k] }
    for k in 0..<tailCount { all[8 - tailCount + k] = tail[k] }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for k in 0..<4 { high = high << 16 | UInt64(all[k]) }
    for k in 4..<8 { low = low << 16 | UInt64(all[k]) }
    return IPAddress(high: high, low: low)
  }
}
