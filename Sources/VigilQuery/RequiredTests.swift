import VigilEvents

/// The keyword tests that many rules of a ``RuleProgramSet`` require, as bits: a test is required by a rule when the
/// rule's predicate cannot hold without it (see ``requiredKeywordTests(of:in:)``).
///
/// Most rules an event is routed to fail on such a test (`host.os.type`, `event.type`, `event.category` of another
/// kind of event). An event's required tests are evaluated once, when the first rule needs them (most are answered
/// by a ``KeywordTestGroup`` lookup); a rule missing one of its bits is then left out with one `and` of two words,
/// without reaching its nodes, which are spread over the whole program and mostly out of cache.
struct RequiredTests: Sendable {
  /// The cells of bits 0 to 63: the keyword tests required by the most rules (by two at least).
  private(set) var tests: [Int32] = []
  /// For each rule, the bits of the tests it requires.
  private(set) var masks: [UInt64] = []

  init() {}

  init(_ program: RuleProgramSet) {
    let requiredByRule = program.roots.map { Self.requiredKeywordTests(of: $0, in: program) }
    var rules: [Int32: Int] = [:]
    for required in requiredByRule {
      for test in required { rules[test, default: 0] += 1 }
    }
    tests = rules.filter { $0.value > 1 }
      .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
      .prefix(UInt64.bitWidth).map(\.key)
    let bitOfTest = Dictionary(uniqueKeysWithValues: tests.enumerated().map { ($1, $0) })
    masks = requiredByRule.map { required in
      required.reduce(0) { mask, test in bitOfTest[test].map { mask | 1 << UInt64($0) } ?? mask }
    }
  }

  /// The bits of the required tests that hold for `event`.
  func evaluate(_ event: Event, _ evaluation: RuleProgramSet.Evaluation) -> UInt64 {
    var held: UInt64 = 0
    for (bit, test) in tests.enumerated() where evaluation.test(test, event) { held |= 1 << UInt64(bit) }
    return held
  }

  /// The keyword tests that must hold for `reference` to hold: an `and` requires what any operand requires, an `or`
  /// what every operand requires (the steps of an EQL sequence mostly share their `host.os.type`).
  private static func requiredKeywordTests(
    of reference: RuleProgramSet.Reference, in program: RuleProgramSet
  ) -> Set<Int32> {
    if reference < 0 {
      let cell = program.testPacking.cell(reference)
      guard case .keywordIn = program.cells[Int(cell)].test.condition else { return [] }
      return [cell]
    }
    switch program.node(reference) {
    case .and(let start, let end):
      return program.code[Int(start)..<Int(end)].reduce(into: []) {
        $0.formUnion(requiredKeywordTests(of: $1, in: program))
      }
    case .or(let start, let end):
      let operands = program.code[Int(start)..<Int(end)]
      guard let first = operands.first else { return [] }
      return operands.dropFirst().reduce(requiredKeywordTests(of: first, in: program)) {
        $0.intersection(requiredKeywordTests(of: $1, in: program))
      }
    case .constant, .not, .expression, .anyField:
      return []
    }
  }
}
