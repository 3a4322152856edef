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
