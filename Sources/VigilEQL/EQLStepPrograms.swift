import VigilEvents
import VigilQuery

/// The predicates of an EQL sequence's or sample's steps, compiled together and evaluated with a memo per event:
/// steps of one query test the same fields (often the same conditions), so each test runs once per event.
struct EQLStepPrograms {
  private let programs: RuleProgramSet
  private var memo = TestMemo()

  /// Step `i`'s predicate is `predicates[i]`, which ``EQLSequenceMatcher/Stage/rule`` names.
  init(_ predicates: [Predicate]) {
    programs = RuleProgramSet(predicates.map { $0.simplified() })
  }

  /// Forgets the previous event's test results.
  mutating func begin() { memo.begin() }

  /// Whether `event`, the event since ``begin()``, satisfies `stage`'s predicate.
  mutating func holds(_ stage: EQLSequenceMatcher.Stage, _ event: Event) -> Bool {
    programs.evaluate(rule: stage.rule, event, memo: &memo)
  }
}
