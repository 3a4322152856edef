/// The hash index of a large ``JSONObject``: an open-addressing table of member positions, by a multiplicative hash
/// of the key's UTF-8. Alert documents look up and add about a hundred keys each; the standard library's seeded
/// hashing of those keys through a `Dictionary` was a quarter of building an alert.
struct JSONKeyIndex: Sendable {
  /// Per slot, a member position + 1, or 0 when empty; the count is a power of two, at most half full.
  private var slots: [Int32]
  private var used = 0

  /// An index of `keys`, with room for `capacity` keys before it grows.
  init(_ keys: [String], capacity: Int) {
    var size = 32
    while size < 2 * max(capacity, keys.count) { size *= 2 }
    slots = Array(repeating: 0, count: size)
    for position in keys.indices { insert(keys[position], at: position, in: keys) }
  }

  /// The position of `key` among `keys` (the keys the index was built and kept with), or `nil`.
  func position(of key: String, in keys: [String]) -> Int? {
    let mask = slots.count - 1
    var slot = Self.hash(key) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { return nil }
      if keys[entry - 1] == key { return entry - 1 }
      slot = (slot + 1) & mask
    }
  }

  /// Records that `keys[position]`, new to the index, is at `position`.
  mutating func insert(_ key: String, at position: Int, in keys: [String]) {
    if 2 * (used + 1) > slots.count {
      self = JSONKeyIndex(Array(keys[..<position]), capacity: 2 * (used + 1))
    }
    let mask = slots.count - 1
    var slot = Self.hash(key) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(position + 1)
    used += 1
  }

  /// A hash of the key's UTF-8, eight bytes at a time.
  static func hash(_ key: String) -> Int {
    if let hash = key.utf8.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)) }) { return hash }
    return Array(key.utf8).withUnsafeBytes { hash($0) }
  }

  private static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var offset = 0
    while offset + 8 <= bytes.count {
      state = (state ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
      state ^= state >> 32
      offset += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while offset < bytes.count {
      tail |= UInt64(bytes[offset]) << shift
      shift += 8
      offset += 1
    }
    state = (state ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    return Int(truncatingIfNeeded: state ^ (state >> 29))
  }
}
