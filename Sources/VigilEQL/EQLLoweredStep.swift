import VigilQuery

/// One subquery of a sequence or sample, lowered: its filter and its join keys.
public struct EQLLoweredStep: Sendable {
  /// The subquery's filter, the category test included.
  public var predicate: Predicate
  /// The join keys: the sequence's (or sample's) shared keys, then the subquery's own `by` keys.
  public var keys: [FieldBinding]
  /// Whether each key was written `?field`: a missing optional key joins as `null`; a missing required key keeps
  /// the event out of the sequence.
  public var keyIsOptional: [Bool]
  /// `with runs=N`: how many consecutive matches the step takes (1 without `runs`).
  public var runs: Int
  /// `![…]`: a missing event.
  public var isMissing: Bool

  public init(predicate: Predicate, keys: [FieldBinding], keyIsOptional: [Bool]? = nil, runs: Int, isMissing: Bool) {
    self.predicate = predicate
    self.keys = keys
    self.keyIsOptional = keyIsOptional ?? keys.map { _ in false }
    self.runs = runs
    self.isMissing = isMissing
  }
}
