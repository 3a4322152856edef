import VigilRules

/// Whether this build of Vigil can run a rule, and if not, why.
public enum RuleSupport: Hashable, Sendable {
  case runnable
  /// The rule loads but cannot run; the reason is shown to users.
  case unsupported(reason: String)

  /// What this build can do with a rule.
  public static func of(_ rule: DetectionRule) -> RuleSupport {
    switch rule.type {
    case .machineLearning:
      return .unsupported(reason: "needs Elastic ML")
    case .savedQuery:
      return .unsupported(reason: "saved_query rules need the saved query from Kibana")
    default:
      break
    }
    switch rule.type {
    case .query, .newTerms, .threshold, .threatMatch, .eql, .esql:
      return .runnable
    default:
      return .unsupported(reason: "this build cannot run \(rule.type.rawValue) rules yet")
    }
  }

  public var isRunnable: Bool { self == .runnable }

  /// The reason a rule cannot run, or `nil` when it can.
  public var reason: String? {
    if case .unsupported(let reason) = self { return reason }
    return nil
  }
}
