import VigilEvents
import VigilQuery

/// The stateless half of a scan: which rules an event matches (router, index patterns, predicates). It keeps only
/// per-event scratch memory, so each thread of a parallel scan has its own while one ``ScanEngine`` runs the
/// stateful executors in input order.
public struct RuleMatcher: Sendable {
  private var selection: RuleSelection
  private var memo = TestMemo()
  private var dataStreamNames = DataStreamNames()
  private let ruleSet: CompiledRuleSet
  private let programs: RuleProgramSet
  private let stepRoots: [Range<Int>]
  /// Rule predicates evaluated so far.
  public private(set) var evaluations = 0
  /// The rules the last event matched, before their sequence steps are known.
  private var held: [Int32] = []

  /// - Parameter router: the router of another matcher of `ruleSet`, to share rather than build again (it is read
  ///   only); `nil` builds one.
  public init(ruleSet: CompiledRuleSet, router: RuleRouter? = nil) {
    selection = RuleSelection(ruleSet: ruleSet, router: router)
    self.ruleSet = ruleSet
    programs = ruleSet.programs
    stepRoots = ruleSet.stepRoots
  }

  /// The router index behind the matcher.
  public var router: RuleRouter { selection.router }

  /// The index of `event` (``CompiledRuleSet/index(of:fallback:)``), remembering the data stream names met.
  public mutating func index(of event: Event, fallback: String?) -> String? {
    ruleSet.index(of: event, fallback: fallback, names: &dataStreamNames)
  }

  /// The rules `event` (from `index`) may match, ascending; starts a new event for ``match(rule:_:)``.
  public mutating func candidates(for event: Event, index: String?) -> [Int32] {
    memo.begin()
    return selection.candidates(for: event, index: index, memo: &memo)
  }

  /// Evaluates, for the event of the last ``candidates(for:index:)`` call, the tests many rules require (see
  /// ``RuleProgramSet/evaluateRequiredTests(_:memo:)``), which the first rule to need them would otherwise evaluate.
  public mutating func evaluateSharedTests(_ event: Event) {
    programs.evaluateRequiredTests(event, memo: &memo)
  }

  /// Rule `rule`'s match of the event of the last ``candidates(for:index:)`` call, with the steps it holds for an
  /// EQL sequence; `nil` when the rule's predicate does not hold.
  public mutating func match(rule: Int, _ event: Event) -> RuleMatch? {
    evaluations += 1
    guard programs.evaluate(rule: rule, event, memo: &memo) else { return nil }
    return RuleMatch(rule: Int32(rule), stepsHeld: stepsHeld(rule: rule, event))
  }

  /// For an EQL sequence rule that `event` matches, the bits of the step predicates it satisfies (see
  /// ``RuleMatch/stepsHeld``); 0 for other rules.
  private mutating func stepsHeld(rule: Int, _ event: Event) -> UInt64 {
    var stepsHeld: UInt64 = 0
    for (bit, root) in stepRoots[rule].enumerated() where programs.evaluate(rule: root, event, memo: &memo) {
      stepsHeld |= 1 << UInt64(bit)
    }
    return stepsHeld
  }

  /// The rules whose predicates `event` (from `index`) satisfies, ascending.
  public mutating func matches(_ event: Event, index: String?) -> [RuleMatch] {
    var matched: [RuleMatch] = []
    matches(event, index: index, into: &matched)
    return matched
  }

  /// Replaces the contents of `matched` with the rules whose predicates `event` (from `index`) satisfies, ascending.
  ///
  /// One call per event: a matcher kept in a class is reached under a dynamic exclusivity check, which per candidate
  /// rule cost more than many of the rules' predicates.
  public mutating func matches(_ event: Event, index: String?, into matched: inout [RuleMatch]) {
    matched.removeAll(keepingCapacity: true)
    held.removeAll(keepingCapacity: true)
    let candidates = candidates(for: event, index: index)
    evaluations += candidates.count
    programs.evaluate(rules: candidates, event, memo: &memo, into: &held)
    for rule in held { matched.append(RuleMatch(rule: rule, stepsHeld: stepsHeld(rule: Int(rule), event))) }
  }
}
