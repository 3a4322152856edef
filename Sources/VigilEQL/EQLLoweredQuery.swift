import VigilQuery
import VigilSyntax

/// What ``EQLLowering/lower(_:fields:eventCategoryField:)`` gives for a whole query.
public struct EQLLoweredQuery: Sendable {
  /// The lowered query shapes.
  public enum Body: Sendable {
    /// An event query: the events the predicate matches.
    case event(Predicate)
    case sequence(EQLLoweredSequence)
    /// A sample's subqueries, in order.
    case sample([EQLLoweredStep])
  }

  public var body: Body
  /// `head` / `tail`, to apply to the results.
  public var pipes: [EQLPipe]
  /// Problems found; errors mean the query cannot run.
  public var diagnostics: [Diagnostic]

  /// The predicates of every filter: one for an event query, each step (then `until`) of a sequence, each sample
  /// subquery.
  public var predicates: [Predicate] {
    switch body {
    case .event(let predicate): [predicate]
    case .sequence(let sequence): sequence.steps.map(\.predicate) + (sequence.until.map { [$0.predicate] } ?? [])
    case .sample(let steps): steps.map(\.predicate)
    }
  }
}
