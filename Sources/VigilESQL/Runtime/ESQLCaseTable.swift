import VigilQuery

/// A `CASE` whose conditions all test one column against constant strings, `column == "text"` or
/// `column LIKE "pattern"` (`process.name == "anydesk.exe", "AnyDesk", …` a hundred times over): the first condition
/// that holds is found by one lookup of the column's value among the equalities and a test of the patterns before
/// it, rather than by testing each condition in turn.
///
/// The table decides only where it knows the conditions' result exactly: for `null` (no condition holds) and for ASCII
/// strings (it holds only ASCII literals, and strings are equal when their bytes are). Any other value (a multi-value,
/// on which each condition warns; another type; non-ASCII text) is left to the conditions.
struct ESQLCaseTable: Sendable {
  /// The column every condition tests.
  let subject: ESQLCompiledExpression
  private let literals: ByteStringSet
  /// Per member of `literals`, the first branch whose condition is equality with it.
  private let branchOfLiteral: [Int]
  /// The `LIKE` conditions, in branch order.
  private let patterns: [Pattern]

  private struct Pattern: Sendable {
    var branch: Int
    var matchers: [ESQLTextMatcher]
    var negated: Bool
  }

  /// Below this many conditions, testing them in turn costs no more than the lookup.
  static let minimumBranches = 4

  enum Decision: Equatable {
    /// The branch (counted from 0) whose condition is the first to hold.
    case branch(Int)
    /// No condition holds: the `CASE` gives its default.
    case otherwise
    /// The conditions must be evaluated.
    case undecided
  }

  /// The table of a `CASE` with these (compiled) arguments; `nil` when its conditions are not all of the table's
  /// forms on one column, or too few.
  init?(_ arguments: [ESQLCompiledExpression]) {
    guard arguments.count / 2 >= Self.minimumBranches else { return nil }
    var column: Int?
    var firstBranch: [String: Int] = [:]
    var literalOrder: [String] = []
    var patterns: [Pattern] = []
    for branch in 0..<arguments.count / 2 {
      let tested: Int
      switch arguments[2 * branch] {
      case .binary(.equal, .column(let number), .constant(.string(let text))),
        .binary(.equal, .constant(.string(let text)), .column(let number)):
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        if firstBranch[text] == nil {
          firstBranch[text] = branch
          literalOrder.append(text)
        }
        tested = number
      case .like(.column(let number), let matchers, let negated):
        patterns.append(Pattern(branch: branch, matchers: matchers, negated: negated))
        tested = number
      default:
        return nil
      }
      guard column == nil || column == tested else { return nil }
      column = tested
    }
    subject = .column(column!)
    literals = ByteStringSet(literalOrder, foldingCase: false)
    branchOfLiteral = literals.members.map { firstBranch[$0]! }
    self.patterns = patterns
  }

  /// Which branch the conditions choose for `value`, the subject's value in the row.
  func decide(_ value: ESQLValue) -> Decision {
    switch value {
    case .null:
      return .otherwise
    case .string(let text):
      guard let equal = equalityBranch(text) else { return .undecided }
      for pattern in patterns {
        if pattern.branch > equal { break }
        if pattern.matchers.contains(where: { $0.matches(text) }) != pattern.negated { return .branch(pattern.branch) }
      }
      return equal == .max ? .otherwise : .branch(equal)
    default:
      return .undecided
    }
  }

  /// The first branch whose equality holds for ASCII `text`, `Int.max` for none; `nil` for other text.
  private func equalityBranch(_ text: String) -> Int? {
    let branch = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
      return literals.index(of: UnsafeRawBufferPointer(bytes)).map { branchOfLiteral[$0] } ?? .max
    }
    return branch ?? nil
  }
}
