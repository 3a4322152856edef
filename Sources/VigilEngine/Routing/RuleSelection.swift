import VigilEvents
import VigilQuery

/// Which rules an event reaches: the router's candidates whose `index` patterns cover the event's index. Both scan
/// modes select rules this one way.
struct RuleSelection {
  let router: RuleRouter
  private let ruleSet: CompiledRuleSet
  /// The rules that cover an index, as bits (rule `r` is bit `r % 64` of word `r / 64`), for each index seen so
  /// far (the key `nil` is "index unknown").
  private var coverage: [String?: [UInt64]] = [:]
  /// The last index looked up and its rules: events of one file mostly share their index.
  private var last: (index: String?, covered: [UInt64])?
  private var scratch = RouteScratch()

  init(ruleSet: CompiledRuleSet, router: RuleRouter? = nil) {
    self.ruleSet = ruleSet
    self.router =
      router
      ?? RuleRouter(predicates: ruleSet.rules.map(\.predicate), catalog: ruleSet.catalog, programs: ruleSet.programs)
  }

  /// The positions of the rules `event`, from `index`, reaches, ascending; valid until the next call. `memo` (begun
  /// for this event) keeps the keyword groups the router evaluates.
  mutating func candidates(for event: Event, index: String?, memo: inout TestMemo) -> [Int32] {
    let covered: [UInt64]
    if let last, last.index == index {
      covered = last.covered
    } else {
      covered = coverage[index] ?? cover(index)
      last = (index, covered)
    }
    router.route(event, into: &scratch, covering: covered, memo: &memo)
    return scratch.candidates
  }

  private mutating func cover(_ index: String?) -> [UInt64] {
    var covered = Array(repeating: UInt64(0), count: (ruleSet.rules.count + 63) / 64)
    for (position, rule) in ruleSet.rules.enumerated() where rule.indexPatterns.matches(index) {
      covered[position / 64] |= 1 << UInt64(position % 64)
    }
    coverage[index] = covered
    return covered
  }
}
