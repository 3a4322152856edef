/// A rule's `severity`.
public enum RuleSeverity: String, CaseIterable, Hashable, Sendable, Comparable {
  case low
  case medium
  case high
  case critical

  private var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    case .critical: 3
    }
  }

  public static func < (lhs: RuleSeverity, rhs: RuleSeverity) -> Bool { lhs.rank < rhs.rank }
}
