#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Byte-string primitives on raw buffers, backed by the C library's `memchr`/`memcmp`.
@usableFromInline
enum ByteSearch {
  /// Whether `count` bytes at `a + i` equal those at `b`.
  @inlinable @inline(__always)
  static func equal(_ a: UnsafeRawBufferPointer, at i: Int, _ b: UnsafeRawBufferPointer) -> Bool {
    let m = b.count
    guard i >= 0, i + m <= a.count else { return false }
    if m == 0 { return true }
    return memcmp(a.baseAddress! + i, b.baseAddress!, m) == 0
  }

  /// The first index `k` in `from...(limit - needle.count)` where `needle` occurs in `haystack`, or `nil`.
  @usableFromInline
  static func firstIndex(
    of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from: Int, limit: Int
  ) -> Int? {
    let m = needle.count
    if m == 0 { return from <= limit ? from : nil }
    guard let base = haystack.baseAddress, let nb = needle.baseAddress else { return nil }
    let first = Int32(needle[0])
    var i = from
    let last = limit - m
    while i <= last {
      guard let hit = memchr(base + i, first, last - i + 1) else { return nil }
      let k = base.distance(to: UnsafeRawPointer(hit))
      if m == 1 || memcmp(base + k + 1, nb + 1, m - 1) == 0 { return k }
      i = k + 1
    }
    return nil
  }
}

extension ByteSearch {
  /// The first index in `from..<limit` whose byte is `a`, `b`, or non-ASCII (`>= 0x80`), or `nil`.
  ///
  /// Scans eight bytes at a time (SWAR zero-byte detection), for case-insensitive substring search where either case
  /// of the first pattern byte, or a multi-byte scalar that might fold to it, is a candidate.
  @usableFromInline
  static func firstCandidate(in p: UnsafeRawBufferPointer, from: Int, limit: Int, _ a: UInt8, _ b: UInt8) -> Int? {
    guard let base = p.baseAddress else { return nil }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let va = ones &* UInt64(a)
    let vb = ones &* UInt64(b)
    var i = from
    while i + 8 <= limit {
      let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      let xa = w ^ va
      let xb = w ^ vb
      // A byte of `x` is zero iff the corresponding bit of `(x - ones) & ~x & highs` is set (lowest one exact).
      let hit = ((xa &- ones) & ~xa & highs) | ((xb &- ones) & ~xb & highs) | (w & highs)
      if hit != 0 {
        // The lowest flagged byte may be a false positive only above a true one; check bytes in order.
        let first = i + (hit.trailingZeroBitCount >> 3)
        for k in i...first {
          let c = p[k]
          if c == a || c == b || c >= 0x80 { return k }
        }
        i = first + 1
        continue
      }
      i += 8
    }
    while i < limit {
      let c = p[i]
      if c == a || c == b || c >= 0x80 { return i }
      i += 1
    }
    return nil
  }
}
