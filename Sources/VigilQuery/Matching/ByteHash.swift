/// A fast hash of short byte strings (process names, paths, command lines, join keys) for in-memory tables, eight
/// bytes at a time; not stable across versions, never persisted.
///
/// Byte-at-a-time hashing (FNV) is one dependent multiply per byte: for a 100-byte command line that was most of a
/// set lookup.
public enum ByteHash {
  private static let ones: UInt64 = 0x0101_0101_0101_0101

  /// The hash of `bytes`.
  @inline(__always)
  public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    hash(bytes) { $0 }
  }

  /// The hash of `bytes` with ASCII upper-case letters lowered (equal to ``hash(_:)`` of the lowered bytes), or
  /// `nil` when `bytes` is not all ASCII.
  @inline(__always)
  static func hashLoweringASCII(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
    var high: UInt64 = 0
    let result = hash(bytes) { word in
      high |= word
      return lowerASCII(word)
    }
    return high & (0x80 &* ones) == 0 ? result : nil
  }

  /// `word` with each byte in `A`…`Z` lowered, other bytes as they are.
  @inline(__always)
  static func lowerASCII(_ word: UInt64) -> UInt64 {
    let heptets = word & (0x7F &* ones)
    // A byte's high bit is set in the first sum from 0x41 ("A") up, in the second from 0x5B (past "Z").
    let upper = ((heptets &+ 0x3F &* ones) ^ (heptets &+ 0x25 &* ones)) & ~word & (0x80 &* ones)
    return word | upper >> 2
  }

  /// The eight bytes at `offset`, or, for fewer than eight left, the rest zero-padded.
  @inlinable @inline(__always)
  public static func word(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
    let count = bytes.count - offset
    if count >= 8 { return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    var word: UInt64 = 0
    for index in 0..<count { word |= UInt64(bytes[offset + index]) << UInt64(index * 8) }
    return word
  }

  @inline(__always)
  private static func hash(_ bytes: UnsafeRawBufferPointer, transform: (UInt64) -> UInt64) -> UInt64 {
    var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var offset = 0
    while offset < bytes.count {
      hash = (hash ^ transform(word(bytes, at: offset))) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 31
      offset += 8
    }
    // Murmur3's finaliser: table slots are taken from the low bits.
    hash = (hash ^ hash >> 33) &* 0xFF51_AFD7_ED55_8CCD
    hash = (hash ^ hash >> 33) &* 0xC4CE_B9FE_1A85_EC53
    return hash ^ hash >> 33
  }
}

extension ByteHash {
  /// Copies `bytes` into `output` (at least as long) with ASCII upper-case letters lowered, eight bytes at a time;
  /// returns `false`, leaving `output` partly written, when `bytes` is not all ASCII.
  static func lowerASCII(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Bool {
    var high: UInt64 = 0
    var offset = 0
    while offset + 8 <= bytes.count {
      let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      high |= word
      output.storeBytes(of: lowerASCII(word), toByteOffset: offset, as: UInt64.self)
      offset += 8
    }
    while offset < bytes.count {
      let byte = bytes[offset]
      high |= UInt64(byte)
      output[offset] = CaseFolding.asciiLower(byte)
      offset += 1
    }
    return high & (0x80 &* ones) == 0
  }

  /// The most bytes ``withLoweredASCII(_:limit:_:)`` lowers: a temporary buffer of up to 1 KiB is on the stack.
  static let foldingCapacity = 1024

  /// `body` of `bytes` with ASCII upper-case letters lowered, in a temporary buffer; `nil` when `bytes` is not all
  /// ASCII or longer than `limit` (or ``foldingCapacity``).
  static func withLoweredASCII<R>(
    _ bytes: UnsafeRawBufferPointer, limit: Int, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R? {
    guard bytes.count <= min(limit, foldingCapacity) else { return nil }
    return withUnsafeTemporaryAllocation(byteCount: max(1, bytes.count), alignment: 8) { buffer in
      guard lowerASCII(bytes, into: buffer) else { return nil }
      return body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<bytes.count]))
    }
  }

  /// Whether every byte of `bytes` is ASCII.
  public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var high: UInt64 = 0
    for offset in stride(from: 0, to: bytes.count, by: 8) { high |= word(bytes, at: offset) }
    return high & (0x80 &* ones) == 0
  }
}
