/// The optimiser: rewrites that keep a predicate's meaning and make it cheaper to evaluate.
extension Predicate {
  /// Flattens nested `and`/`or`, folds constants, removes double negation and repeats, merges `or`ed exact-match
  /// sets on the same field into one set lookup, and orders `and`/`or` operands cheapest first.
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
    if !isAnd { flat = mergingKeywordSets(flat) }
    var seen: Set<Predicate> = []
    flat = flat.filter { seen.insert($0).inserted }
    flat.sort { $0.cost < $1.cost }
    switch flat.count {
    case 0: return .constant(isAnd)
    case 1: return flat[0]
    default: return isAnd ? .and(flat) : .or(flat)
    }
  }

  /// `f in A or f in B` is `f in A ∪ B`.
  private static func mergingKeywordSets(_ operands: [Predicate]) -> [Predicate] {
    var result: [Predicate] = []
    var setIndex: [SetKey: Int] = [:]
    for operand in operands {
      guard case .test(let test) = operand, case .keywordIn(let set) = test.condition else {
        result.append(operand)
        continue
      }
      let key = SetKey(field: test.field.rawValue, foldsCase: set.foldsCase)
      if let index = setIndex[key], case .test(var merged) = result[index],
        case .keywordIn(var union) = merged.condition
      {
        union.formUnion(set)
        merged.condition = .keywordIn(union)
        result[index] = .test(merged)
      } else {
        setIndex[key] = result.count
        result.append(operand)
      }
    }
    return result
  }

  private struct SetKey: Hashable {
    var field: UInt32
    var foldsCase: Bool
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
    case .regex, .text: 10
    case .nested: 20
    }
  }
}
