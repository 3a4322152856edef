import VigilEvents

/// The predicates of a whole rule set compiled into one program: nodes of every rule in one flat array of words, and
/// each distinct field test stored once however many rules use it.
///
/// Rules of a pack repeat the same tests (`host.os.type == "windows"`, `event.type == "start"`, …); during one event
/// a test is evaluated at most once and its result remembered in a ``TestMemo`` for the other rules that ask. Keeping
/// all rules' nodes together also keeps them in few cache lines, where one program per rule scattered them. The
/// keyword-set tests of one field are answered together, by one lookup per value (``KeywordTestGroup``).
public struct RuleProgramSet: Sendable {
  /// A node other than a field test, as ``node(_:)`` reads it from `code`. Nodes and tests are referred to by
  /// ``Reference``s.
  enum Node: Sendable {
    case constant(Bool)
    case not(Reference)
    /// Operands are `code[start..<end]`.
    case and(start: Int32, end: Int32)
    case or(start: Int32, end: Int32)
    case expression(Int32)
    case anyField(Int32)
  }

  /// A node's position in `code` or, when negative, a field test itself, packed by ``testPacking``: most operands
  /// are tests, and reaching each through a node of its own cost a cache line per test.
  typealias Reference = Int32
  /// How test references pack their cell and field.
  private(set) var testPacking = TestReferencePacking(cellCount: 0)

  /// The nodes, each a header word (``Opcode`` in the low bits, a count, index or value above) and, for `not`, `and`
  /// and `or`, its operands' references right after: a rule's `and` and its operands share a cache line, where an
  /// array of nodes and one of operands cost a line each.
  var code: [Int32] = []

  enum Opcode: Int32 {
    case constant, not, and, or, expression, anyField
  }
  static let opcodeBits: Int32 = 3
  /// The distinct field tests, indexed by ``Reference``.
  var cells: [FieldTestCell] = []
  /// `cells` as unretained references with what evaluation reads before testing, side by side so that a test not
  /// yet evaluated for the event costs one cache line here.
  private var cellReferences: [CellReference] = []

  /// A cell referenced without ownership, so that testing it does not retain and release it (an `unowned(unsafe)`
  /// reference still did, around the call: 12% of a corpus scan, in atomic reference counting on cold cells).
  struct CellReference {
    let cell: Unmanaged<FieldTestCell>
    /// The cell's field: no test holds on an event without its field, and this answers that without reaching the
    /// cell (rules often test fields that events of other sources do not have).
    let field: FieldID
    /// The position of the cell's group in `groups`, or -1.
    let group: Int32
    /// The position of the cell's entry in the prefilter's entries, or -1.
    let prefilter: Int32

    func holds(in event: Event) -> Bool {
      cell._withUnsafeGuaranteedRef { $0.holds(in: event) }
    }
  }
  var expressions: [ScalarExpression] = []
  var anyFieldQueries: [AnyFieldQuery] = []
  /// Each rule's root.
  var roots: [Reference] = []
  /// The groups of keyword-set tests that share a field and case rule, two tests or more.
  private var groups: [KeywordTestGroup] = []
  /// `groups` as unretained references, for evaluation.
  private var groupReferences: [Unmanaged<KeywordTestGroup>] = []
  /// The keyword tests that most rules require (up to 64, see ``RequiredTests``), and for each rule the bits of
  /// those it requires: a rule an event cannot match for want of one is left out without walking its nodes.
  var requiredTests = RequiredTests()
  /// The literals the wildcard cells need, tested first.
  private var prefilter = LiteralPrefilter()

  /// Compiles `predicates`, each already simplified (as ``PredicateProgram/predicate`` is).
  public init(_ predicates: [Predicate]) {
    var testIndex: [FieldTest: Int32] = [:]
    for predicate in predicates { roots.append(emit(predicate, testIndex: &testIndex)) }
    packTestReferences()
    let groupOfCell = groupKeywordTests()
    prefilter = LiteralPrefilter(cells: cells)
    cellReferences = cells.indices.map {
      CellReference(
        cell: .passUnretained(cells[$0]), field: cells[$0].field, group: groupOfCell[$0],
        prefilter: prefilter.entryOfCell[$0])
    }
    requiredTests = RequiredTests(self)
    moveRequiredTestsLast()
  }

  /// Moves the required tests among the operands of each rule's root `and` after the others. A rule is walked only
  /// once its required tests are known to hold (``RequiredTests``), so reaching them first looked each up again for
  /// nothing; after the others, only the rules that match reach them.
  private mutating func moveRequiredTestsLast() {
    let bitOfCell = Dictionary(uniqueKeysWithValues: requiredTests.tests.enumerated().map { ($1, $0) })
    for (rule, root) in roots.enumerated() where root >= 0 {
      let mask = requiredTests.masks[rule]
      guard mask != 0, case .and(let start, let end) = node(root) else { continue }
      // A copy: a slice would share `code`'s storage, and replacing the range below would then copy all of it.
      let operands = Array(code[Int(start)..<Int(end)])
      func isRequired(_ operand: Reference) -> Bool {
        guard operand < 0, let bit = bitOfCell[testPacking.cell(operand)] else { return false }
        return mask & 1 << UInt64(bit) != 0
      }
      let reordered = operands.filter { !isRequired($0) } + operands.filter(isRequired)
      code.replaceSubrange(Int(start)..<Int(end), with: reordered)
    }
  }

  /// Rewrites the test references `emit` made (`~cell`) to also name the cell's field (``testPacking``), once the
  /// number of cells is known.
  private mutating func packTestReferences() {
    let packing = TestReferencePacking(cellCount: cells.count)
    testPacking = packing
    func packed(_ reference: Reference) -> Reference {
      reference < 0 ? packing.reference(cell: ~reference, field: cells[Int(~reference)].field) : reference
    }
    roots = roots.map(packed)
    var position = 0
    while position < code.count {
      let header = code[position]
      var operands = 0
      switch Opcode(rawValue: header & (1 << Self.opcodeBits - 1))! {
      case .not, .and, .or: operands = Int(header >> Self.opcodeBits)
      case .constant, .expression, .anyField: break
      }
      for operand in position + 1..<position + 1 + operands { code[operand] = packed(code[operand]) }
      position += 1 + operands
    }
  }

  /// Groups the keyword-set tests and returns, for each cell, the position of its group in `groups` or -1.
  private mutating func groupKeywordTests() -> [Int32] {
    struct Key: Hashable {
      var field: FieldID
      var foldsCase: Bool
    }
    var sets: [Key: [(cell: Int32, set: ByteStringSet)]] = [:]
    var order: [Key] = []
    for (position, cell) in cells.enumerated() {
      guard case .keywordIn(let set) = cell.test.condition else { continue }
      let key = Key(field: cell.field, foldsCase: set.foldsCase)
      if sets[key] == nil { order.append(key) }
      sets[key, default: []].append((Int32(position), set))
    }
    var groupOfCell = Array(repeating: Int32(-1), count: cells.count)
    for key in order where sets[key]!.count > 1 {
      for (cell, _) in sets[key]! { groupOfCell[Int(cell)] = Int32(groups.count) }
      groups.append(KeywordTestGroup(field: key.field, sets: sets[key]!))
    }
    groupReferences = groups.map { .passUnretained($0) }
    return groupOfCell
  }

  /// The number of rules.
  public var count: Int { roots.count }

  /// The number of distinct field tests over all rules.
  public var distinctTests: Int { cells.count }

  private mutating func emit(_ predicate: Predicate, testIndex: inout [FieldTest: Int32]) -> Reference {
    let header: (Opcode, Int32)
    var operands: [Reference] = []
    switch predicate {
    case .constant(let value):
      header = (.constant, value ? 1 : 0)
    case .test(let test):
      if let known = testIndex[test] { return ~known }
      cells.append(FieldTestCell(test))
      testIndex[test] = Int32(cells.count - 1)
      return ~Int32(cells.count - 1)
    case .expression(let expression):
      expressions.append(expression)
      header = (.expression, Int32(expressions.count - 1))
    case .anyField(let query):
      anyFieldQueries.append(query)
      header = (.anyField, Int32(anyFieldQueries.count - 1))
    case .not(let inner):
      operands = [emit(inner, testIndex: &testIndex)]
      header = (.not, 1)
    case .and(let items), .or(let items):
      // Children first, so that this node's operands follow its header.
      operands = items.map { emit($0, testIndex: &testIndex) }
      if case .and = predicate { header = (.and, Int32(operands.count)) } else { header = (.or, Int32(operands.count)) }
    }
    let position = Int32(code.count)
    code.append(header.0.rawValue | header.1 << Self.opcodeBits)
    code.append(contentsOf: operands)
    return position
  }

  /// The node at `reference` (not a test), for compile-time analyses.
  func node(_ reference: Reference) -> Node {
    let header = code[Int(reference)]
    let argument = header >> Self.opcodeBits
    switch Opcode(rawValue: header & (1 << Self.opcodeBits - 1))! {
    case .constant: return .constant(argument != 0)
    case .not: return .not(code[Int(reference) + 1])
    case .and: return .and(start: reference + 1, end: reference + 1 + argument)
    case .or: return .or(start: reference + 1, end: reference + 1 + argument)
    case .expression: return .expression(argument)
    case .anyField: return .anyField(argument)
    }
  }

  /// Whether `event` satisfies rule `rule`'s predicate; `memo` (begun for this event) keeps test results for the
  /// next rules.
  public func evaluate(rule: Int, _ event: Event, memo: inout TestMemo) -> Bool {
    memo.prepare(tests: cells.count + groups.count, gramSets: prefilter.fields.count)
    let required = requiredTests.masks[rule]
    if required != 0 {
      noteRequiredTests(event, memo: &memo)
      if required & ~memo.requiredTestsHeld != 0 { return false }
    }
    return memo.withStamps { stamps in withEvaluation(stamps: stamps) { $0.evaluate(roots[rule], event) } }
  }

  /// The group of the keyword-set tests of `field` with case rule `foldsCase` (``KeywordTestGroup``), when the
  /// program has one: a router looking an event's values up in it answers the group's tests at the same time.
  public func keywordGroup(field: FieldID, foldsCase: Bool) -> Int? {
    groups.firstIndex { $0.field == field && $0.members.foldsCase == foldsCase }
  }

  /// The members of keyword group `group`: every value of its tests' sets, numbered.
  public func members(ofKeywordGroup group: Int) -> ByteStringSet { groups[group].members }

  /// Evaluates keyword group `group` for `event`, keeping its tests' results in `memo` (begun for this event) as the
  /// first rule to need them would, and calls `found` with each member one of the event's values is.
  public func evaluateKeywordGroup(_ group: Int, _ event: Event, memo: inout TestMemo, found: (Int) -> Void) {
    memo.prepare(tests: cells.count + groups.count, gramSets: prefilter.fields.count)
    memo.withStamps { stamps in
      groupReferences[group]._withUnsafeGuaranteedRef {
        $0.evaluate(
          event, stamps: stamps.tests, slot: cells.count + group, generation: stamps.generation, found: found)
      }
    }
  }

  /// The position of `field`'s gram set among the literal prefilter's (``LiteralPrefilter``), when some wildcard or
  /// regex test on the field has literals: a router reading the set passes it on to those tests.
  public func gramSlot(of field: FieldID) -> Int? {
    prefilter.fields.firstIndex(of: field)
  }

  /// Calls `body` with the set of the grams of `event`'s values of the field of gram slot `slot`, lowered
  /// (``LiteralPrefilter/fill(_:field:of:)``), made now unless a test made it earlier in the event; `memo` (begun for
  /// this event) keeps it for the tests.
  public func withGramSet(slot: Int, of event: Event, memo: inout TestMemo, _ body: (UnsafePointer<UInt64>) -> Void) {
    memo.prepare(tests: cells.count + groups.count, gramSets: prefilter.fields.count)
    memo.withStamps { stamps in
      body(stamps.gramSet(slot: slot, field: prefilter.fields[slot], of: event))
    }
  }

  /// Evaluates the tests many rules require (``RequiredTests``) for `event`, as the first rule that needs them would;
  /// `memo` (begun for this event) keeps them. A profile times this apart, rather than charge it to that rule.
  public func evaluateRequiredTests(_ event: Event, memo: inout TestMemo) {
    memo.prepare(tests: cells.count + groups.count, gramSets: prefilter.fields.count)
    noteRequiredTests(event, memo: &memo)
  }

  /// ``evaluateRequiredTests(_:memo:)`` on a prepared memo.
  private func noteRequiredTests(_ event: Event, memo: inout TestMemo) {
    guard !memo.knowsRequiredTests else { return }
    let held = memo.withStamps { stamps in withEvaluation(stamps: stamps) { requiredTests.evaluate(event, $0) } }
    memo.noteRequiredTests(held)
  }

  /// Appends to `held` the rules of `rules` whose predicates `event` satisfies, in order; `memo` (begun for this
  /// event) keeps test results for the next calls. One call for all the rules an event reaches: setting up an
  /// evaluation per rule cost a fifth of the walk.
  public func evaluate(rules: [Int32], _ event: Event, memo: inout TestMemo, into held: inout [Int32]) {
    memo.prepare(tests: cells.count + groups.count, gramSets: prefilter.fields.count)
    var requiredHeld: UInt64? = memo.knowsRequiredTests ? memo.requiredTestsHeld : nil
    memo.withStamps { stamps in
      withEvaluation(stamps: stamps) { evaluation in
        requiredTests.masks.withUnsafeBufferPointer { masks in
          roots.withUnsafeBufferPointer { roots in
            // Reading the root of the rule two ahead starts its cache miss while this one is walked: rules' nodes
            // are far apart, and the walk waited on them (2-4% of a scan).
            var lookahead: Int32 = 0
            for (position, rule) in rules.enumerated() {
              if position + 2 < rules.count {
                // A negative root is a test, not a node of the code.
                let ahead = roots[Int(rules[position + 2])]
                if ahead >= 0 { lookahead &+= evaluation.code[Int(ahead)] }
              }
              let required = masks[Int(rule)]
              if required != 0 {
                if requiredHeld == nil { requiredHeld = requiredTests.evaluate(event, evaluation) }
                if required & ~requiredHeld! != 0 { continue }
              }
              if evaluation.evaluate(roots[Int(rule)], event) { held.append(rule) }
            }
            // Uses the sum, so that the reads are not optimized away.
            if lookahead == .min { held.reserveCapacity(held.count) }
          }
        }
      }
    }
    if let requiredHeld { memo.noteRequiredTests(requiredHeld) }
  }

  /// Whether `event` satisfies rule `rule`'s predicate, evaluating every test it reaches.
  func evaluate(rule: Int, _ event: Event) -> Bool {
    withEvaluation(stamps: nil) { $0.evaluate(roots[rule], event) }
  }

  private func withEvaluation<R>(stamps: TestMemo.Stamps?, _ body: (Evaluation) -> R) -> R {
    code.withUnsafeBufferPointer { code in
      cellReferences.withUnsafeBufferPointer { cells in
        expressions.withUnsafeBufferPointer { expressions in
          groupReferences.withUnsafeBufferPointer { groups in
            prefilter.entries.withUnsafeBufferPointer { entries in
              prefilter.grams.withUnsafeBufferPointer { grams in
                prefilter.fields.withUnsafeBufferPointer { gramFields in
                  body(
                    Evaluation(
                      code: code, cells: cells, expressions: expressions, anyFieldQueries: anyFieldQueries,
                      groups: groups, prefilterEntries: entries, prefilterGrams: grams, gramFields: gramFields,
                      testPacking: testPacking, stamps: stamps))
                }
              }
            }
          }
        }
      }
    }
  }

  /// The arrays, borrowed for one evaluation; the event is passed down rather than stored, since storing it would
  /// copy (retain) its buffers.
  struct Evaluation {
    let code: UnsafeBufferPointer<Int32>
    let cells: UnsafeBufferPointer<CellReference>
    let expressions: UnsafeBufferPointer<ScalarExpression>
    let anyFieldQueries: [AnyFieldQuery]
    let groups: UnsafeBufferPointer<Unmanaged<KeywordTestGroup>>
    let prefilterEntries: UnsafeBufferPointer<LiteralPrefilter.Entry>
    let prefilterGrams: UnsafeBufferPointer<UInt32>
    let gramFields: UnsafeBufferPointer<FieldID>
    let testPacking: TestReferencePacking
    /// The event's test results and gram sets; `nil` to remember nothing.
    let stamps: TestMemo.Stamps?

    /// Whether node or test `reference` holds. Inlined into the operand loops, so that a test, the most common
    /// operand, costs no call.
    @inline(__always)
    func evaluate(_ reference: Reference, _ event: Event) -> Bool {
      if reference >= 0 { return evaluateNode(Int(reference), event) }
      if let field = testPacking.field(reference), !event.contains(field) { return false }
      return test(testPacking.cell(reference), event)
    }

    private func evaluateNode(_ position: Int, _ event: Event) -> Bool {
      let header = code[position]
      let argument = Int(header >> RuleProgramSet.opcodeBits)
      switch header & (1 << RuleProgramSet.opcodeBits - 1) {
      case Opcode.and.rawValue:
        for operand in position + 1..<position + 1 + argument where !evaluate(code[operand], event) { return false }
        return true
      case Opcode.or.rawValue:
        for operand in position + 1..<position + 1 + argument where evaluate(code[operand], event) { return true }
        return false
      case Opcode.not.rawValue:
        return !evaluate(code[position + 1], event)
      case Opcode.constant.rawValue:
        return argument != 0
      case Opcode.expression.rawValue:
        return expressions[argument].holds(in: event)
      default:
        return anyFieldQueries[argument].holds(in: event)
      }
    }

    /// Whether test cell `test` holds, remembered in the stamps (when there are stamps).
    @inline(__always)
    func test(_ test: Int32, _ event: Event) -> Bool {
      guard let memo = self.stamps else {
        return event.contains(cells[Int(test)].field) && cells[Int(test)].holds(in: event)
      }
      let stamps = memo.tests
      let generation = memo.generation
      let stamp = stamps[Int(test)]
      if stamp >> 1 == generation { return stamp & 1 == 1 }
      let cell = cells[Int(test)]
      guard event.contains(cell.field) else {
        stamps[Int(test)] = generation << 1
        return false
      }
      let group = Int(cell.group)
      if group >= 0 {
        // The group stamps the tests that hold; a test it left unstamped does not hold.
        let groupSlot = cells.count + group
        if stamps[groupSlot] >> 1 == generation { return false }
        groups[group]._withUnsafeGuaranteedRef {
          $0.evaluate(event, stamps: stamps, slot: groupSlot, generation: generation)
        }
        return stamps[Int(test)] >> 1 == generation
      }
      if cell.prefilter >= 0 && !passesPrefilter(prefilterEntries[Int(cell.prefilter)], event, memo) {
        stamps[Int(test)] = generation << 1
        return false
      }
      let result = cell.holds(in: event)
      stamps[Int(test)] = generation << 1 | (result ? 1 : 0)
      return result
    }

    /// Whether the event's values of the entry's field hold one of its grams; the field's gram set is made when the
    /// first cell on it asks during the event.
    private func passesPrefilter(_ entry: LiteralPrefilter.Entry, _ event: Event, _ memo: TestMemo.Stamps) -> Bool {
      let slot = Int(entry.slot)
      let set = memo.gramSet(slot: slot, field: gramFields[slot], of: event)
      return LiteralPrefilter.passes(entry, prefilterGrams, set)
    }
  }
}

/// The field-test results of the event being evaluated, for ``RuleProgramSet``: call ``begin()`` before each event.
public struct TestMemo: Sendable {
  private var stamps: [UInt32] = []
  /// Per field of the literal prefilter, the generation its gram set was made in, and the sets, one after another.
  private var gramStamps: [UInt32] = []
  private var gramSets: [UInt64] = []
  /// The current event's generation, below 2³¹ (a stamp keeps it shifted left by one).
  private var generation: UInt32 = 1

  public init() {}

  /// The generation whose required tests ``requiredTestsHeld`` holds.
  private var requiredTestsGeneration: UInt32 = 0
  /// Bit `i` is set when required test `i` (``RequiredTests``) holds for the current event.
  private(set) var requiredTestsHeld: UInt64 = 0

  /// Forgets the previous event's results.
  public mutating func begin() {
    generation += 1
    if generation >= 1 << 31 {
      for index in stamps.indices { stamps[index] = 0 }
      for index in gramStamps.indices { gramStamps[index] = 0 }
      generation = 1
      requiredTestsGeneration = 0
    }
  }

  /// Whether the required tests were evaluated for the current event.
  var knowsRequiredTests: Bool { requiredTestsGeneration == generation }

  mutating func noteRequiredTests(_ held: UInt64) {
    requiredTestsHeld = held
    requiredTestsGeneration = generation
  }

  mutating func prepare(tests: Int, gramSets: Int) {
    if stamps.count < tests { stamps = Array(repeating: 0, count: tests) }
    if gramStamps.count < gramSets {
      gramStamps = Array(repeating: 0, count: gramSets)
      self.gramSets = Array(repeating: 0, count: gramSets * LiteralPrefilter.words)
    }
  }

  /// The memo's storage, borrowed for one evaluation.
  struct Stamps {
    /// Per test, then per group: `generation << 1 | result` when evaluated during this event (a group's result bit
    /// is unused).
    let tests: UnsafeMutableBufferPointer<UInt32>
    let gramStamps: UnsafeMutableBufferPointer<UInt32>
    let gramSets: UnsafeMutablePointer<UInt64>
    let generation: UInt32

    /// The gram set of slot `slot` (of `field`) for the current event, made on the first call during the event.
    @inline(__always)
    func gramSet(slot: Int, field: FieldID, of event: Event) -> UnsafeMutablePointer<UInt64> {
      let set = gramSets + slot * LiteralPrefilter.words
      if gramStamps[slot] != generation {
        gramStamps[slot] = generation
        LiteralPrefilter.fill(set, field: field, of: event)
      }
      return set
    }
  }

  mutating func withStamps<R>(_ body: (Stamps) -> R) -> R {
    let generation = self.generation
    return stamps.withUnsafeMutableBufferPointer { tests in
      gramStamps.withUnsafeMutableBufferPointer { gramStamps in
        gramSets.withUnsafeMutableBufferPointer { gramSets in
          body(
            Stamps(
              tests: tests, gramStamps: gramStamps,
              gramSets: gramSets.baseAddress ?? UnsafeMutablePointer(bitPattern: 8)!,
              generation: generation))
        }
      }
    }
  }
}
