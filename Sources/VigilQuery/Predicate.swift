/// A boolean condition over an event's fields: what KQL, EQL and ES|QL `WHERE` lower to.
///
/// A `Predicate` is the tree form that lowerings build and the optimiser rewrites (see ``simplified()``); it is
/// compiled to a flat ``PredicateProgram`` for evaluation.
public indirect enum Predicate: Hashable, Sendable {
  case constant(Bool)
  case test(FieldTest)
  case not(Predicate)
  case and([Predicate])
  case or([Predicate])
  /// A computed condition (EQL functions, arithmetic, field-to-field comparisons): holds when its value is `true`.
  case expression(ScalarExpression)
  /// A value looked for in every field (KQL free text): holds when any field matches it by its type. Only events
  /// decoded with every field can satisfy it (see ``readsEveryField``).
  case anyField(AnyFieldQuery)

  public static let always = Predicate.constant(true)
  public static let never = Predicate.constant(false)
}

extension Predicate {
  /// Whether evaluating the predicate needs every field of the event decoded, with names: it holds an
  /// ``anyField(_:)`` query.
  public var readsEveryField: Bool {
    switch self {
    case .anyField: true
    case .constant, .test, .expression: false
    case .not(let inner): inner.readsEveryField
    case .and(let operands), .or(let operands): operands.contains { $0.readsEveryField }
    }
  }
}
