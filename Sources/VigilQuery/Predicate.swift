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

  public static let always = Predicate.constant(true)
  public static let never = Predicate.constant(false)
}
