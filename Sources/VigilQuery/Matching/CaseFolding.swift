/// Case folding for case-insensitive comparisons: Unicode simple lower-case mapping, applied to both sides.
///
/// This is the folding Elasticsearch's `case_insensitive` keyword and wildcard queries amount to, and what the
/// evaluator uses for `:`, `in~`, `like~`, `regex~` and friends. ASCII takes a branch-free fast path; other scalars
/// go through a sorted table built once from the Unicode data of the standard library. Nothing here allocates except
/// the `String` and `[UInt8]` conveniences.
public enum CaseFolding {
  /// The lower-case form of an ASCII byte; other bytes are returned unchanged.
  @inlinable @inline(__always)
  public static func asciiLower(_ byte: UInt8) -> UInt8 {
    byte &+ 0xBF < 26 ? byte | 0x20 : byte
  }

  /// The simple lower-case mapping of a Unicode scalar value (itself when it has none).
  ///
  /// A scalar whose full mapping has several scalars (only U+0130 `İ`) maps to the first, which is its simple mapping.
  @inlinable @inline(__always)
  public static func lowercase(_ scalar: UInt32) -> UInt32 {
    if scalar < 0x80 { return UInt32(asciiLower(UInt8(truncatingIfNeeded: scalar))) }
    return nonASCIILowercase(scalar)
  }

  @usableFromInline
  static func nonASCIILowercase(_ scalar: UInt32) -> UInt32 {
    let table = LowercaseTable.shared
    var lo = 0
    var hi = table.keys.count
    while lo < hi {
      let mid = (lo + hi) >> 1
      let key = table.keys[mid]
      if key == scalar { return table.values[mid] }
      if key < scalar { lo = mid + 1 } else { hi = mid }
    }
    return scalar
  }

  /// An upper bound on the folded size of `count` input bytes (folding can grow a scalar from 2 to 3 bytes).
  @inlinable
  public static func maximumFoldedCount(forInputCount count: Int) -> Int {
    count + (count + 1) / 2
  }

  /// Folds UTF-8 `bytes` into `buffer` and returns the number of bytes written, or `nil` when `buffer` is too small.
  ///
  /// A buffer of `maximumFoldedCount(forInputCount:)` bytes is always enough. Ill-formed bytes become U+FFFD.
  public static func fold(_ bytes: UnsafeRawBufferPointer, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
    var i = 0
    var o = 0
    let n = bytes.count
    let cap = buffer.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        guard o < cap else { return nil }
        buffer[o] = asciiLower(b)
        o += 1
        i += 1
        continue
      }
      let (s, len) = UTF8Scalars.decode(bytes, at: i)
      i += len
      let f = lowercase(s)
      let flen = UTF8Scalars.encodedLength(f)
      guard o + flen <= cap else { return nil }
      switch flen {
      case 1:
        buffer[o] = UInt8(f)
      case 2:
        buffer[o] = UInt8(0xC0 | f >> 6)
        buffer[o + 1] = UInt8(0x80 | f & 0x3F)
      case 3:
        buffer[o] = UInt8(0xE0 | f >> 12)
        buffer[o + 1] = UInt8(0x80 | f >> 6 & 0x3F)
        buffer[o + 2] = UInt8(0x80 | f & 0x3F)
      default:
        buffer[o] = UInt8(0xF0 | f >> 18)
        buffer[o + 1] = UInt8(0x80 | f >> 12 & 0x3F)
        buffer[o + 2] = UInt8(0x80 | f >> 6 & 0x3F)
        buffer[o + 3] = UInt8(0x80 | f & 0x3F)
      }
      o += flen
    }
    return o
  }

  /// The folded UTF-8 bytes of `string` (compile-time convenience: allocates).
  public static func foldedBytes(_ string: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(string.utf8.count)
    for scalar in string.unicodeScalars { UTF8Scalars.encode(lowercase(scalar.value), into: &out) }
    return out
  }

  /// The folded form of `string` (compile-time and test convenience: allocates).
  public static func fold(_ string: String) -> String {
    String(decoding: foldedBytes(string), as: UTF8.self)
  }

  /// Whether `a` and `b` are equal after folding both, without allocating.
  public static func equalIgnoringCase(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    var j = 0
    let n = a.count
    let m = b.count
    while i < n && j < m {
      let x = a[i]
      let y = b[j]
      if x < 0x80 && y < 0x80 {
        guard asciiLower(x) == asciiLower(y) else { return false }
        i += 1
        j += 1
        continue
      }
      let (s, ls) = UTF8Scalars.decode(a, at: i)
      let (t, lt) = UTF8Scalars.decode(b, at: j)
      guard lowercase(s) == lowercase(t) else { return false }
      i += ls
      j += lt
    }
    return i == n && j == m
  }

  /// Whether `input`, once folded, equals `folded` (a constant folded at compile time), without allocating.
  @inlinable
  public static func equalFolded(_ input: UnsafeRawBufferPointer, folded: UnsafeRawBufferPointer) -> Bool {
    let n = input.count
    let m = folded.count
    var i = 0
    // ASCII fast path: byte-wise while both sides are ASCII.
    while i < n && i < m {
      let x = input[i]
      let y = folded[i]
      if x | y >= 0x80 { break }
      if asciiLower(x) != y { return false }
      i += 1
    }
    if i == n || i == m { return i == n && i == m }
    return equalIgnoringCase(
      UnsafeRawBufferPointer(rebasing: input[i...]), UnsafeRawBufferPointer(rebasing: folded[i...]))
  }

  /// Whether two strings are equal ignoring case (test convenience).
  public static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { pa in
      b.withUTF8 { pb in equalIgnoringCase(UnsafeRawBufferPointer(pa), UnsafeRawBufferPointer(pb)) }
    }
  }
}

/// Sorted (scalar, lower-case scalar) pairs for every non-ASCII scalar that changes when lower-cased.
@usableFromInline
struct LowercaseTable: Sendable {
  @usableFromInline let keys: [UInt32]
  @usableFromInline let values: [UInt32]

  @usableFromInline static let shared = LowercaseTable()

  private init() {
    var keys: [UInt32] = []
    var values: [UInt32] = []
    keys.reserveCapacity(1_500)
    values.reserveCapacity(1_500)
    // Cased letters live below U+20000 (the last block with case pairs is Adlam at U+1E900).
    for v in UInt32(0x80)..<0x2_0000 {
      guard let s = Unicode.Scalar(v), s.properties.changesWhenLowercased,
        let first = s.properties.lowercaseMapping.unicodeScalars.first, first.value != v
      else { continue }
      keys.append(v)
      values.append(first.value)
    }
    self.keys = keys
    self.values = values
  }
}
