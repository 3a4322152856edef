import VigilEvents

/// A compiled ``Predicate``: nodes in one flat array linked by integer index, evaluated without allocating. It is a
/// ``RuleProgramSet`` of one rule, evaluated without sharing test results.
///
/// A class: a program read out of another value for each event is then one reference, not a copy of the program's
/// arrays, each retained.
public final class PredicateProgram: Sendable {
  private let program: RuleProgramSet
  /// The predicate the program was compiled from, simplified.
  public let predicate: Predicate

  /// Simplifies and compiles a predicate.
  public init(_ predicate: Predicate) {
    self.predicate = predicate.simplified()
    program = RuleProgramSet([self.predicate])
  }

  /// The field tests, in the order compiled.
  public var tests: [FieldTest] { program.cells.map(\.test) }

  /// The computed conditions.
  public var expressions: [ScalarExpression] { program.expressions }

  /// Whether the program needs every field of an event decoded, with names (KQL free text): see
  /// ``Predicate/readsEveryField``.
  public var readsEveryField: Bool { !program.anyFieldQueries.isEmpty }

  /// The fields the program reads.
  public var fields: Set<FieldID> { Set(tests.map(\.field) + expressions.flatMap(\.fields)) }

  /// Whether `event` satisfies the program.
  public func evaluate(_ event: Event) -> Bool {
    program.evaluate(rule: 0, event)
  }
}
