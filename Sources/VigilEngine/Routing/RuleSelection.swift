import VigilEvents

/// Which rules an event reaches: the router's candidates whose `index` patterns cover the event's index. Both scan
/// modes select rules this one way.
struct RuleSelection {
  let router: RuleRouter
  private let ruleSet: CompiledRuleSet
  /// Whether each rule covers an index, for each index seen so far (the key `nil` is "index unknown").
  private var coverage: [String?: [Bool]] = [:]
  private var scratch = RouteScratch()

  init(ruleSet: CompiledRuleSet) {
    self.ruleSet = ruleSet
    router = RuleRouter(predicates: ruleSet.rules.map(\.predicate), catalog: ruleSet.catalog)
  }

  /// The positions of the rules `event`, from `index`, reaches, ascending; valid until the next call.
  mutating func candidates(for event: Event, index: String?) -> [Int32] {
    let covered = coverage[index] ?? cover(index)
    router.route(event, into: &scratch)
    scratch.keep { covered[Int($0)] }
    return scratch.candidates
  }

  private mutating func cover(_ index: String?) -> [Bool] {
    let covered = ruleSet.rules.map { $0.indexPatterns.matches(index) }
    coverage[index] = covered
    return covered
  }
}
