/// Allocation-free UTF-8 stepping used by the matchers.
///
/// Invalid input never traps: a byte that does not start a well-formed sequence decodes as U+FFFD and consumes
/// exactly one byte, so every input has a well-defined scalar sequence.
@usableFromInline
enum UTF8Scalars {
  /// The replacement scalar an ill-formed byte decodes to.
  @usableFromInline static let replacement: UInt32 = 0xFFFD

  /// Decodes the scalar starting at `i`; returns it and the number of bytes it occupies (1...4).
  @inlinable @inline(__always)
  static func decode(_ p: UnsafeRawBufferPointer, at i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    return decodeMultiByte(p, at: i, lead: b0)
  }

  @usableFromInline
  static func decodeMultiByte(_ p: UnsafeRawBufferPointer, at i: Int, lead b0: UInt32) -> (scalar: UInt32, length: Int)
  {
    let n = p.count
    @inline(__always) func cont(_ k: Int) -> UInt32? {
      guard k < n else { return nil }
      let b = UInt32(p[k])
      return b & 0xC0 == 0x80 ? b & 0x3F : nil
    }
    if b0 >= 0xC2 && b0 <= 0xDF {
      if let c1 = cont(i + 1) { return ((b0 & 0x1F) << 6 | c1, 2) }
    } else if b0 >= 0xE0 && b0 <= 0xEF {
      if let c1 = cont(i + 1), let c2 = cont(i + 2) {
        let s = (b0 & 0x0F) << 12 | c1 << 6 | c2
        if s >= 0x800 && !(0xD800...0xDFFF).contains(s) { return (s, 3) }
      }
    } else if b0 >= 0xF0 && b0 <= 0xF4 {
      if let c1 = cont(i + 1), let c2 = cont(i + 2), let c3 = cont(i + 3) {
        let s = (b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
        if s >= 0x10000 && s <= 0x10FFFF { return (s, 4) }
      }
    }
    return (replacement, 1)
  }

  /// Decodes the scalar that ends just before `end`; returns it and its length in bytes.
  ///
  /// Consistent with `decode`: walks back over at most three continuation bytes and accepts the sequence only when
  /// a forward decode from its start consumes exactly up to `end`.
  @inlinable @inline(__always)
  static func decodeBackward(_ p: UnsafeRawBufferPointer, endingAt end: Int) -> (scalar: UInt32, length: Int) {
    let last = p[end - 1]
    if last < 0x80 { return (UInt32(last), 1) }
    return decodeBackwardMultiByte(p, endingAt: end)
  }

  @usableFromInline
  static func decodeBackwardMultiByte(_ p: UnsafeRawBufferPointer, endingAt end: Int) -> (scalar: UInt32, length: Int) {
    var start = end - 1
    while start > 0 && end - start < 4 && p[start] & 0xC0 == 0x80 { start -= 1 }
    while start < end - 1 {
      let d = decode(p, at: start)
      if start + d.length == end { return d }
      start += 1
    }
    return (replacement, 1)
  }

  /// Appends the UTF-8 encoding of `scalar` to `out`.
  static func encode(_ scalar: UInt32, into out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      out.append(UInt8(scalar))
    case 0x80..<0x800:
      out.append(UInt8(0xC0 | scalar >> 6))
      out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      out.append(UInt8(0xE0 | scalar >> 12))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    default:
      out.append(UInt8(0xF0 | scalar >> 18))
      out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      out.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// The number of bytes `scalar` takes in UTF-8.
  @inlinable
  static func encodedLength(_ scalar: UInt32) -> Int {
    scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
  }
}
