/// Several wildcard patterns on one field, any of which may match: what `process.executable : ("?:\\A\\*", …)`
/// lowers to once the optimiser merges the `or`. A value is fetched and, for case-insensitive patterns, lower-cased
/// once for the whole list instead of once per pattern.
///
/// The patterns of the common shapes (exact, prefix, suffix, contains) are compared from a flat table of their
/// literals, without copying (and retaining) a ``WildcardPattern`` per value. A long list also has a ``GramFilter``,
/// so that a value is compared only with the patterns whose required literal it contains.
public struct WildcardList: Hashable, Sendable {
  public let patterns: [WildcardPattern]
  /// Whether every pattern ignores case (lists never mix case rules).
  public let caseInsensitive: Bool
  /// The literals of the simple-shaped patterns (folded when case-insensitive), back to back.
  private let pool: [UInt8]
  /// One entry per pattern: its shape and, for the simple shapes, the range of its literal in `pool`.
  private let entries: [Entry]
  /// For long lists: finds the patterns a value may match.
  private let filter: GramFilter?
  /// `filter`, reached without retaining it (matching copied the optional, retaining its tables, per value).
  private let filterReference: Unmanaged<GramFilter>?
  /// The patterns the filter does not hold (all of them without a filter), tried on every value.
  private let unfiltered: [Int]
  /// Each pattern's program, unretained (`patterns` owns them): matching through a pattern read from the array
  /// copied it, retaining each of its arrays.
  private let programs: [Unmanaged<WildcardProgram>]

  private struct Entry: Sendable {
    var shape: WildcardPattern.Shape
    var start: Int
    var end: Int
  }

  /// Lists this long get a ``GramFilter`` (so do shorter lists of three or more searching patterns).
  static let filterThreshold = 8

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
    entries = patterns.map { pattern in
      let start = pool.count
      switch pattern.shape {
      case .exact, .prefix, .suffix, .contains: pool += pattern.literalBytes
      case .matchAll, .prefixSuffix, .general: break
      }
      return Entry(shape: pattern.shape, start: start, end: pool.count)
    }
    self.pool = pool
    // Long lists, and lists of several patterns that search (`*abc*`, `?`, inner `*`), are filtered.
    let searching = patterns.filter { [.contains, .prefixSuffix, .general].contains($0.shape) }.count
    let filter =
      patterns.count >= Self.filterThreshold || searching >= 3
      ? GramFilter(requiredLiterals: patterns.map(\.requiredLiteral)) : nil
    self.filter = filter
    filterReference = filter.map { .passUnretained($0) }
    unfiltered = patterns.indices.filter { !(filter?.filed.contains($0) ?? false) }
    programs = patterns.map { .passUnretained($0.program) }
  }

  public static func == (a: WildcardList, b: WildcardList) -> Bool { a.patterns == b.patterns }

  public func hash(into hasher: inout Hasher) { hasher.combine(patterns) }

  /// Inputs longer than this are matched pattern by pattern rather than folded into a scratch buffer first.
  static let foldingLimit = ByteHash.foldingCapacity

  /// Whether any pattern matches the UTF-8 `input`. Allocation-free.
  ///
  /// The closures below capture only borrowed views of the list's arrays: capturing the list itself retained each
  /// of its arrays on every call.
  public func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    pool.withUnsafeBytes { pool in
      entries.withUnsafeBufferPointer { entries in
        programs.withUnsafeBufferPointer { programs in
          unfiltered.withUnsafeBufferPointer { unfiltered in
            let view = View(
              pool: pool, entries: entries, programs: programs, unfiltered: unfiltered, filter: filterReference)
            guard caseInsensitive else { return view.matches(input) }
            // A closure, not the method reference `view.matches`: that reference's context (a copy of `view`) was
            // allocated on the heap on every call.
            if let lowered = ByteHash.withLoweredASCII(input, limit: Self.foldingLimit, { view.matches($0) }) {
              return lowered
            }
            // Non-ASCII input may fold in ways byte comparison misses: each pattern folds it on its own.
            return patterns.contains { $0.matches(input) }
          }
        }
      }
    }
  }

  /// The list's arrays, borrowed for one match.
  private struct View {
    let pool: UnsafeRawBufferPointer
    let entries: UnsafeBufferPointer<Entry>
    let programs: UnsafeBufferPointer<Unmanaged<WildcardProgram>>
    let unfiltered: UnsafeBufferPointer<Int>
    let filter: Unmanaged<GramFilter>?

    /// Whether any pattern matches `input` compared byte for byte: the input as is for case-sensitive lists, ASCII
    /// lower-cased for case-insensitive ones (whose literals are stored folded).
    func matches(_ input: UnsafeRawBufferPointer) -> Bool {
      // A local function, not a closure in a constant: that closure's context was allocated on every call.
      func matches(_ position: Int) -> Bool { WildcardList.matches(position, input, entries, pool, programs) }
      if unfiltered.contains(where: matches) { return true }
      guard let filter else { return false }
      return filter._withUnsafeGuaranteedRef { $0.containsMatch(in: input, matches) }
    }
  }

  /// Whether pattern `position` matches `input`, compared byte for byte.
  private static func matches(
    _ position: Int, _ input: UnsafeRawBufferPointer, _ entries: UnsafeBufferPointer<Entry>,
    _ pool: UnsafeRawBufferPointer, _ programs: UnsafeBufferPointer<Unmanaged<WildcardProgram>>
  ) -> Bool {
    let entry = entries[position]
    let literal = UnsafeRawBufferPointer(rebasing: pool[entry.start..<entry.end])
    return WildcardPattern.matchesLiteral(entry.shape, literal, input)
      ?? programs[position]._withUnsafeGuaranteedRef { $0.matches(input, caseInsensitive: false) }
  }
}
