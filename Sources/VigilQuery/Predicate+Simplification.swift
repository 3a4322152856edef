import VigilEvents

/// The optimiser: rewrites that keep a predicate's meaning and make it cheaper to evaluate.
extension Predicate {
  /// Flattens nested `and`/`or`, folds constants, removes double negation and repeats, merges `or`ed exact-match
  /// sets, wildcard patterns and address blocks on the same field into one test, and orders `and`/`or` operands
  /// cheapest first (positive `and` operands before negated ones).
  public func simplified() -> Predicate {
    switch self {
    case .constant, .test, .expression, .anyField:
      return self
    case .not(let inner):
      switch inner.simplified() {
      case .constant(let value): return .constant(!value)
      case .not(let doubled): return doubled
      case let other: return .not(other)
      }
    case .and(let operands):
      return Self.combine(operands, isAnd: true)
    case .or(let operands):
      return Self.combine(operands, isAnd: false)
    }
  }

  private static func combine(_ operands: [Predicate], isAnd: Bool) -> Predicate {
    var flat: [Predicate] = []
    for operand in operands {
      switch operand.simplified() {
      case .constant(let value):
        // `false` decides an `and`, `true` decides an `or`; the other constant is the identity.
        if value != isAnd { return .constant(value) }
      case .and(let inner) where isAnd: flat.append(contentsOf: inner)
      case .or(let inner) where !isAnd: flat.append(contentsOf: inner)
      case let other: flat.append(other)
      }
    }
    if !isAnd { flat = mergingAddressBlocks(mergingWildcards(mergingKeywordSets(flat))) }
    // Repeated field tests are dropped; larger repeated operands are rare, and hashing every subtree at every level
    // made compiling a rule pack quadratic in its nesting. A test is compared only with the kept tests of its field
    // (rarely more than one or two once sets and patterns are merged): hashing tests hashed whole value sets.
    var keptByField: [FieldID: [FieldTest]] = [:]
    flat = flat.filter { operand in
      guard case .test(let test) = operand else { return true }
      if keptByField[test.field]?.contains(test) == true { return false }
      keptByField[test.field, default: []].append(test)
      return true
    }
    // An `and` tries its positive operands first: detection rules follow what they look for with exclusions
    // (`not …`) that almost always hold, so a positive operand is the one likely to decide.
    flat.sort { isAnd ? ($0.exclusionRank, $0.cost) < ($1.exclusionRank, $1.cost) : $0.cost < $1.cost }
    switch flat.count {
    case 0: return .constant(isAnd)
    case 1: return flat[0]
    default: return isAnd ? .and(flat) : .or(flat)
    }
  }

  /// `f in A or f in B` is `f in A ∪ B`; so are string matches on a field of unknown type (``DynamicMatch`` with
  /// neither a number nor a boolean), which rules list by the hundred.
  private static func mergingKeywordSets(_ operands: [Predicate]) -> [Predicate] {
    mergingTests(operands) { test in
      test.condition.mergeableKeywords.map {
        SetKey(field: test.field.rawValue, foldsCase: $0.foldsCase, isDynamic: test.condition.isDynamic)
      }
    } merged: { kept, next in
      guard var union = kept.mergeableKeywords, let set = next.mergeableKeywords else { return kept }
      union.formUnion(set)
      return kept.isDynamic ? .dynamic(DynamicMatch(keywords: union)) : .keywordIn(union)
    }
  }

  /// Merges each test into the first operand whose test `key` gives the same key, `merged` making the condition of
  /// both; operands without a key stay as they are.
  private static func mergingTests<Key: Hashable>(
    _ operands: [Predicate], key: (FieldTest) -> Key?,
    merged: (_ kept: FieldCondition, _ next: FieldCondition) -> FieldCondition
  ) -> [Predicate] {
    var result: [Predicate] = []
    var testIndex: [Key: Int] = [:]
    for operand in operands {
      guard case .test(let test) = operand, let key = key(test) else {
        result.append(operand)
        continue
      }
      if let index = testIndex[key], case .test(var kept) = result[index] {
        kept.condition = merged(kept.condition, test.condition)
        result[index] = .test(kept)
      } else {
        testIndex[key] = result.count
        result.append(operand)
      }
    }
    return result
  }

  /// `f like A or f like B` is one test of the list `[A, B]` (same field, same case rule).
  private static func mergingWildcards(_ operands: [Predicate]) -> [Predicate] {
    var groups: [SetKey: [WildcardPattern]] = [:]
    // A group's operand while it is its only one, kept as it is: a list was built again (with its gram filter) each
    // time a predicate holding it was simplified again, as an ES|QL rule's opening `WHERE` and sequence steps are.
    var onlyOperand: [SetKey: Predicate] = [:]
    var order: [SetKey] = []
    var result: [Predicate] = []
    for operand in operands {
      guard case .test(let test) = operand else {
        result.append(operand)
        continue
      }
      let patterns: [WildcardPattern]
      switch test.condition {
      case .wildcard(let pattern): patterns = [pattern]
      case .wildcards(let list): patterns = list.patterns
      default:
        result.append(operand)
        continue
      }
      let key = SetKey(field: test.field.rawValue, foldsCase: patterns[0].caseInsensitive)
      if groups[key] == nil {
        order.append(key)
        onlyOperand[key] = operand
      } else {
        onlyOperand[key] = nil
      }
      groups[key, default: []].append(contentsOf: patterns)
    }
    for key in order {
      let patterns = groups[key]!
      if patterns.count > 1, let operand = onlyOperand[key] {
        result.append(operand)
        continue
      }
      let condition: FieldCondition = patterns.count == 1 ? .wildcard(patterns[0]) : .wildcards(WildcardList(patterns))
      result.append(.test(FieldTest(field: FieldID(rawValue: key.field), condition: condition)))
    }
    return result
  }

  /// `f in 10.0.0.0/8 or f in 192.168.0.0/16` is one test of both blocks, which parses the field's address once
  /// rather than once per block (rules list private and reserved ranges by the score).
  private static func mergingAddressBlocks(_ operands: [Predicate]) -> [Predicate] {
    mergingTests(operands) { test in
      if case .ipIn = test.condition { test.field } else { nil }
    } merged: { kept, next in
      guard case .ipIn(let known) = kept, case .ipIn(let blocks) = next else { return kept }
      return .ipIn(known + blocks)
    }
  }

  private struct SetKey: Hashable {
    var field: UInt32
    var foldsCase: Bool
    var isDynamic = false
  }

  /// 1 for a negation, 0 otherwise: `and` operands are ordered by it before their cost.
  var exclusionRank: Int {
    if case .not = self { 1 } else { 0 }
  }

  /// A rough evaluation cost, to try cheap operands first.
  var cost: Int {
    switch self {
    case .constant: 0
    case .test(let test): test.condition.cost
    case .expression(let expression): 10 + 2 * expression.nodes.count
    case .anyField: 100
    case .not(let inner): inner.cost
    case .and(let operands), .or(let operands): operands.reduce(0) { $0 + $1.cost }
    }
  }
}

extension FieldCondition {
  var cost: Int {
    switch self {
    case .exists: 1
    case .boolean: 2
    case .keywordIn, .number: 3
    case .keywordRange: 4
    case .date, .dynamic, .ipIn, .ipRange: 6
    case .wildcard(let pattern): pattern.shape == .general ? 8 : 5
    case .wildcards(let list): 5 + list.patterns.count
    case .regex, .text: 10
    case .nested: 20
    }
  }
}

extension FieldCondition {
  /// The keywords of an exact-match set, or of a match on a field of unknown type that only strings can satisfy:
  /// the conditions an `or` merges by set union.
  fileprivate var mergeableKeywords: ByteStringSet? {
    switch self {
    case .keywordIn(let set): set
    case .dynamic(let match) where match.number == nil && match.boolean == nil: match.keywords
    default: nil
    }
  }

  fileprivate var isDynamic: Bool {
    if case .dynamic = self { true } else { false }
  }
}
