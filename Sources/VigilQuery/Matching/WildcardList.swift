/// Several wildcard patterns on one field, any of which may match: what `process.executable : ("?:\\A\\*", …)`
/// lowers to once the optimiser merges the `or`. A value is fetched and, for case-insensitive patterns, lower-cased
/// once for the whole list instead of once per pattern.
///
/// The patterns of the common shapes (exact, prefix, suffix, contains) are also kept flattened: their literals in
/// one byte pool and a table of (shape, range) entries, so a value is compared against each without copying (and
/// retaining) a ``WildcardPattern``. Only the other shapes go through ``WildcardPattern`` matching.
public struct WildcardList: Hashable, Sendable {
  public let patterns: [WildcardPattern]
  /// Whether every pattern ignores case (lists never mix case rules).
  public let caseInsensitive: Bool
  /// The literals of the simple-shaped patterns (folded when case-insensitive), back to back.
  private let pool: [UInt8]
  /// One entry per simple-shaped pattern: its shape and the range of its literal in `pool`.
  private let literals: [Literal]
  /// The positions in `patterns` of the patterns of other shapes.
  private let others: [Int]

  private struct Literal: Hashable, Sendable {
    var shape: WildcardPattern.Shape
    var start: Int
    var end: Int
  }

  /// A list of patterns that share one case rule.
  public init(_ patterns: [WildcardPattern]) {
    precondition(!patterns.isEmpty && Set(patterns.map(\.caseInsensitive)).count == 1, "one case rule per list")
    self.init(patterns, caseInsensitive: patterns[0].caseInsensitive)
  }

  /// A list that matches nothing, as a placeholder.
  init(empty: Void) {
    self.init([], caseInsensitive: false)
  }

  private init(_ patterns: [WildcardPattern], caseInsensitive: Bool) {
    self.patterns = patterns
    self.caseInsensitive = caseInsensitive
    var pool: [UInt8] = []
    var literals: [Literal] = []
    var others: [Int] = []
    for (position, pattern) in patterns.enumerated() {
      switch pattern.shape {
      case .exact, .prefix, .suffix, .contains, .matchAll:
        literals.append(Literal(shape: pattern.shape, start: pool.count, end: pool.count + pattern.literalBytes.count))
        pool += pattern.literalBytes
      case .prefixSuffix, .general:
        others.append(position)
      }
    }
    self.pool = pool
    self.literals = literals
    self.others = others
  }

  public static func == (a: WildcardList, b: WildcardList) -> Bool { a.patterns == b.patterns }

  public func hash(into hasher: inout Hasher) { hasher.combine(patterns) }

  /// Inputs longer than this are matched pattern by pattern rather than folded into a scratch buffer first.
  static let foldingLimit = 1024

  /// Whether any pattern matches the UTF-8 `input`. Allocation-free.
  public func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    guard caseInsensitive else { return matchesBytes(input) }
    guard input.count <= Self.foldingLimit, input.allSatisfy({ $0 < 0x80 }) else {
      // Non-ASCII input may fold in ways byte comparison misses: each pattern folds it on its own.
      return patterns.withUnsafeBufferPointer { patterns in
        patterns.contains { $0.matches(input) }
      }
    }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, input.count)) { buffer in
      for index in 0..<input.count { buffer[index] = CaseFolding.asciiLower(input[index]) }
      return matchesBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<input.count]))
    }
  }

  /// Whether any pattern matches `input` compared byte for byte: the input as is for case-sensitive lists, ASCII
  /// lower-cased for case-insensitive ones (whose literals are stored folded).
  private func matchesBytes(_ input: UnsafeRawBufferPointer) -> Bool {
    let n = input.count
    let simple = pool.withUnsafeBytes { pool in
      literals.withUnsafeBufferPointer { literals in
        for literal in literals {
          let bytes = UnsafeRawBufferPointer(rebasing: pool[literal.start..<literal.end])
          switch literal.shape {
          case .exact: if n == bytes.count && ByteSearch.equal(input, at: 0, bytes) { return true }
          case .prefix: if ByteSearch.equal(input, at: 0, bytes) { return true }
          case .suffix: if ByteSearch.equal(input, at: n - bytes.count, bytes) { return true }
          case .contains: if ByteSearch.firstIndex(of: bytes, in: input, from: 0, limit: n) != nil { return true }
          case .matchAll: return true
          case .prefixSuffix, .general: break
          }
        }
        return false
      }
    }
    if simple { return true }
    for position in others where patterns[position].matches(input, caseInsensitive: false) { return true }
    return false
  }
}
