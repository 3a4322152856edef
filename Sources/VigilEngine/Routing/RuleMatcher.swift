import VigilEvents
import VigilQuery

/// The stateless half of a scan: which rules an event matches (router, index patterns, predicates). It keeps only
/// per-event scratch memory, so each thread of a parallel scan has its own while one ``ScanEngine`` runs the
/// stateful executors in input order.
public struct RuleMatcher: Sendable {
  private var selection: RuleSelection
  private var memo = TestMemo()
  private let programs: RuleProgramSet
  /// Rule predicates evaluated so far.
  public private(set) var evaluations = 0

  public init(ruleSet: CompiledRuleSet) {
    selection = RuleSelection(ruleSet: ruleSet)
    programs = ruleSet.programs
  }

  /// The router index behind the matcher.
  public var router: RuleRouter { selection.router }

  /// The rules `event` (from `index`) may match, ascending; starts a new event for ``holds(rule:_:)``.
  public mutating func candidates(for event: Event, index: String?) -> [Int32] {
    memo.begin()
    return selection.candidates(for: event, index: index)
  }

  /// Whether rule `rule`'s predicate holds for the event of the last ``candidates(for:index:)`` call.
  public mutating func holds(rule: Int, _ event: Event) -> Bool {
    evaluations += 1
    return programs.evaluate(rule: rule, event, memo: &memo)
  }

  /// The rules whose predicates `event` (from `index`) satisfies, ascending.
  public mutating func matches(_ event: Event, index: String?) -> [Int32] {
    candidates(for: event, index: index).filter { holds(rule: Int($0), event) }
  }
}
