/// Finds, in one pass over an input, the few patterns of a long list that can match it.
///
/// Every pattern given a required literal (bytes that any input it matches contains, such as `\windows\tasks\` of
/// `?:\Windows\Tasks\*.exe`) is filed under one 4-byte piece of that literal, its *gram*: the piece fewest other
/// patterns share. An input is slid over 4 bytes at a time; a bitmap of the grams' hashes rejects almost every
/// position at once, and only the patterns filed under a gram the input contains are checked in full. Patterns
/// whose literal is shorter than 4 bytes are not filed: the caller checks those directly.
final class GramFilter: Sendable {
  /// Bit `hash(gram)` is set for every gram filed.
  private let bitmap: [UInt64]
  /// The patterns (positions in the caller's list) filed under each gram.
  private let patternsByGram: [UInt32: [Int]]
  /// The positions of the patterns filed.
  let filed: Set<Int>

  private static let hashBits = 11
  static let gramLength = 4

  /// Files each pattern with a required literal of at least ``gramLength`` bytes; `literals[i]` is pattern `i`'s.
  init(requiredLiterals literals: [[UInt8]?]) {
    var patternsWithGram: [UInt32: Int] = [:]
    let gramsOfPattern = literals.map { literal in literal.map { Set(Self.grams(of: $0)) } ?? [] }
    for grams in gramsOfPattern {
      for gram in grams { patternsWithGram[gram, default: 0] += 1 }
    }
    var bitmap = Array(repeating: UInt64(0), count: 1 << (Self.hashBits - 6))
    var patternsByGram: [UInt32: [Int]] = [:]
    var filed: Set<Int> = []
    for (position, grams) in gramsOfPattern.enumerated() {
      // The rarest gram among the list; the smallest value breaks ties, so that filing is deterministic.
      guard let gram = grams.min(by: { (patternsWithGram[$0]!, $0) < (patternsWithGram[$1]!, $1) }) else { continue }
      patternsByGram[gram, default: []].append(position)
      let hash = Self.hash(gram)
      bitmap[hash >> 6] |= 1 << UInt64(hash & 63)
      filed.insert(position)
    }
    self.bitmap = bitmap
    self.patternsByGram = patternsByGram
    self.filed = filed
  }

  /// Whether `matches` holds for a filed pattern that `input` may match; each is tried at most once per gram
  /// occurrence, and the search stops at the first that matches.
  func containsMatch(in input: UnsafeRawBufferPointer, _ matches: (Int) -> Bool) -> Bool {
    guard input.count >= Self.gramLength, let base = input.baseAddress else { return false }
    return bitmap.withUnsafeBufferPointer { bitmap in
      for offset in 0...(input.count - Self.gramLength) {
        let gram = base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        let hash = Self.hash(gram)
        guard bitmap[hash >> 6] & (1 << UInt64(hash & 63)) != 0, let positions = patternsByGram[gram] else { continue }
        if positions.contains(where: matches) { return true }
      }
      return false
    }
  }

  /// Every 4-byte piece of `literal`, as loaded from memory.
  private static func grams(of literal: [UInt8]) -> [UInt32] {
    guard literal.count >= gramLength else { return [] }
    return literal.withUnsafeBytes { bytes in
      (0...(literal.count - gramLength)).map { bytes.loadUnaligned(fromByteOffset: $0, as: UInt32.self) }
    }
  }

  @inline(__always)
  private static func hash(_ gram: UInt32) -> Int {
    Int((gram &* 0x9E37_79B1) >> UInt32(32 - hashBits))
  }
}
