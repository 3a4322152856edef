/// A set of byte strings, for `in` lists and exact matches: strings are kept in one flat byte pool and found through
/// an open-addressing table, so a lookup from an event's bytes hashes and compares in place without allocating.
///
/// A set built with `foldingCase` holds lower-cased strings and lower-cases what it looks up, for the
/// case-insensitive operators (EQL `:`, `in~`, `==` on `~` forms).
public struct ByteStringSet: Hashable, Sendable {
  private var pool: [UInt8] = []
  /// Start and end of each member in `pool`.
  private var bounds: [(start: Int32, end: Int32)] = []
  /// Per slot, member index + 1 in the low half and the member's hash's high half above, or 0 for an empty slot: a
  /// probe compares hashes without reaching the members. The capacity is a power of two.
  private var table: [UInt64] = []
  private var hashes: [UInt64] = []
  /// Whether members and probes are compared after lower-casing.
  public let foldsCase: Bool
  /// Bit `n` is set when a member is `n` bytes long (`n` < 256); most probes are rejected by length alone.
  private var lengths: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  /// Whether a member is 256 bytes or longer.
  private var hasLongMembers = false
  /// Bit `h >> 57` of the two words is set for the hash `h` of each member: a probe whose bit is clear is no member,
  /// told without reaching the table (most probes of an event's values miss, and the table is cold).
  private var hashBits: (UInt64, UInt64) = (0, 0)

  /// A set of `members` (their UTF-8 bytes); with `foldingCase`, compared case-insensitively.
  public init<S: Sequence>(_ members: S, foldingCase: Bool = false) where S.Element == String {
    foldsCase = foldingCase
    for member in members {
      let text = foldingCase ? CaseFolding.fold(member) : member
      insert(Array(text.utf8))
    }
  }

  /// The members, in insertion order.
  public var members: [String] {
    bounds.map { String(decoding: pool[Int($0.start)..<Int($0.end)], as: UTF8.self) }
  }

  public var count: Int { bounds.count }
  public var isEmpty: Bool { bounds.isEmpty }

  /// Adds the members of another set with the same case rule.
  public mutating func formUnion(_ other: ByteStringSet) {
    precondition(other.foldsCase == foldsCase, "cannot merge sets with different case rules")
    for bound in other.bounds { insert(Array(other.pool[Int(bound.start)..<Int(bound.end)])) }
  }

  /// Calls `body` with the bytes of each member, in insertion order (lower-cased when the set folds case).
  func forEachMember(_ body: (UnsafeRawBufferPointer) -> Void) {
    pool.withUnsafeBytes { pool in
      for bound in bounds { body(UnsafeRawBufferPointer(rebasing: pool[Int(bound.start)..<Int(bound.end)])) }
    }
  }

  /// The position of a member given as stored (already lower-cased when the set folds case), or `nil`.
  func index(ofMember bytes: UnsafeRawBufferPointer) -> Int? {
    find(bytes, hash: ByteHash.hash(bytes), foldingASCII: false)
  }

  /// Whether `bytes` (lower-cased first when the set folds case) is a member.
  public func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
    index(of: bytes) != nil
  }

  /// The position of `bytes` (lower-cased first when the set folds case) among ``members``, or `nil`.
  public func index(of bytes: UnsafeRawBufferPointer) -> Int? {
    // The length filter reads only this value's own fields: the member arrays, cold in a large rule set, are
    // touched only when a member may match. An empty set (the router's tables of one case rule) is left at once.
    if lengths == (0, 0, 0, 0), !hasLongMembers { return nil }
    if foldsCase {
      // ASCII folds to ASCII of the same length, so the length filter holds for ASCII probes.
      if mayHaveLength(bytes.count) {
        if let hash = ByteHash.hashLoweringASCII(bytes) { return find(bytes, hash: hash, foldingASCII: true) }
      } else if ByteHash.isASCII(bytes) {
        return nil
      }
      if bounds.isEmpty { return nil }
      let folded = CaseFolding.fold(String(decoding: bytes, as: UTF8.self))
      return Array(folded.utf8).withUnsafeBytes { find($0, hash: ByteHash.hash($0), foldingASCII: false) }
    }
    guard mayHaveLength(bytes.count) else { return nil }
    return find(bytes, hash: ByteHash.hash(bytes), foldingASCII: false)
  }

  @inline(__always)
  private func mayHaveLength(_ count: Int) -> Bool {
    guard count < 256 else { return hasLongMembers }
    let bit = UInt64(1) << UInt64(count & 63)
    switch count >> 6 {
    case 0: return lengths.0 & bit != 0
    case 1: return lengths.1 & bit != 0
    case 2: return lengths.2 & bit != 0
    default: return lengths.3 & bit != 0
    }
  }

  private mutating func noteLength(_ count: Int) {
    guard count < 256 else {
      hasLongMembers = true
      return
    }
    let bit = UInt64(1) << UInt64(count & 63)
    switch count >> 6 {
    case 0: lengths.0 |= bit
    case 1: lengths.1 |= bit
    case 2: lengths.2 |= bit
    default: lengths.3 |= bit
    }
  }

  @inline(__always)
  private func mayHaveHash(_ hash: UInt64) -> Bool {
    let bit = hash >> 57
    return (bit < 64 ? hashBits.0 >> bit : hashBits.1 >> (bit - 64)) & 1 != 0
  }

  private mutating func noteHash(_ hash: UInt64) {
    let bit = hash >> 57
    if bit < 64 { hashBits.0 |= 1 << bit } else { hashBits.1 |= 1 << (bit - 64) }
  }

  /// Whether `text` is a member.
  public func contains(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { contains(UnsafeRawBufferPointer($0)) }
  }

  private func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64, foldingASCII: Bool) -> Int? {
    guard mayHaveHash(hash), !table.isEmpty else { return nil }
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = table[slot]
      if entry == 0 { return nil }
      let index = Int(UInt32(truncatingIfNeeded: entry)) - 1
      if entry >> 32 == hash >> 32, equals(index, bytes, foldingASCII: foldingASCII) { return index }
      slot = (slot + 1) & mask
    }
  }

  private func equals(_ index: Int, _ bytes: UnsafeRawBufferPointer, foldingASCII: Bool) -> Bool {
    let bound = bounds[index]
    guard Int(bound.end - bound.start) == bytes.count else { return false }
    return pool.withUnsafeBytes { pool in
      let member = UnsafeRawBufferPointer(rebasing: pool[Int(bound.start)..<Int(bound.end)])
      for offset in stride(from: 0, to: bytes.count, by: 8) {
        let probe = ByteHash.word(bytes, at: offset)
        if (foldingASCII ? ByteHash.lowerASCII(probe) : probe) != ByteHash.word(member, at: offset) { return false }
      }
      return true
    }
  }

  private mutating func insert(_ bytes: [UInt8]) {
    let hash = bytes.withUnsafeBytes { ByteHash.hash($0) }
    let exists = bytes.withUnsafeBytes { find($0, hash: hash, foldingASCII: false) != nil }
    if exists { return }
    noteLength(bytes.count)
    let start = Int32(pool.count)
    pool.append(contentsOf: bytes)
    bounds.append((start, Int32(pool.count)))
    hashes.append(hash)
    noteHash(hash)
    if bounds.count * 2 > table.count { rehash() } else { place(bounds.count - 1) }
  }

  private mutating func rehash() {
    var capacity = 8
    while capacity < bounds.count * 2 { capacity *= 2 }
    table = Array(repeating: 0, count: capacity)
    for index in bounds.indices { place(index) }
  }

  private mutating func place(_ index: Int) {
    let mask = table.count - 1
    var slot = Int(truncatingIfNeeded: hashes[index]) & mask
    while table[slot] != 0 { slot = (slot + 1) & mask }
    table[slot] = hashes[index] & 0xFFFF_FFFF_0000_0000 | UInt64(index + 1)
  }

  /// Equal sets hold the same members, in any order; compared in place, without making strings.
  public static func == (lhs: ByteStringSet, rhs: ByteStringSet) -> Bool {
    guard lhs.foldsCase == rhs.foldsCase, lhs.count == rhs.count, lhs.lengths == rhs.lengths else { return false }
    return lhs.pool.withUnsafeBytes { pool in
      lhs.bounds.indices.allSatisfy { index in
        let member = UnsafeRawBufferPointer(rebasing: pool[Int(lhs.bounds[index].start)..<Int(lhs.bounds[index].end)])
        return rhs.find(member, hash: lhs.hashes[index], foldingASCII: false) != nil
      }
    }
  }

  /// Order-independent: the members' hashes are summed.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(foldsCase)
    hasher.combine(count)
    hasher.combine(hashes.reduce(0, &+))
  }
}
