/// Several wildcard patterns on one field, any of which may match: what `process.executable : ("?:\\A\\*", …)`
/// lowers to once the optimiser merges the `or`. A value is fetched and, for case-insensitive patterns, lower-cased
/// once for the whole list instead of once per pattern.
public struct WildcardList: Hashable, Sendable {
  public let patterns: [WildcardPattern]
  /// Whether every pattern ignores case (lists never mix case rules).
  public let caseInsensitive: Bool

  /// A list of patterns that share one case rule.
  public init(_ patterns: [WildcardPattern]) {
    precondition(!patterns.isEmpty && Set(patterns.map(\.caseInsensitive)).count == 1, "one case rule per list")
    self.patterns = patterns
    caseInsensitive = patterns[0].caseInsensitive
  }

  /// A list that matches nothing, as a placeholder.
  init(empty: Void) {
    patterns = []
    caseInsensitive = false
  }

  /// Inputs longer than this are matched pattern by pattern rather than folded into a scratch buffer first.
  static let foldingLimit = 1024

  /// Whether any pattern matches the UTF-8 `input`. Allocation-free.
  public func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    patterns.withUnsafeBufferPointer { patterns in
      guard caseInsensitive, input.count <= Self.foldingLimit, input.allSatisfy({ $0 < 0x80 }) else {
        for index in patterns.indices where patterns[index].matches(input) { return true }
        return false
      }
      return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, input.count)) { buffer in
        for index in 0..<input.count { buffer[index] = CaseFolding.asciiLower(input[index]) }
        let folded = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<input.count])
        for index in patterns.indices where patterns[index].matches(foldedASCII: folded) { return true }
        return false
      }
    }
  }
}
