/// The arguments of `STATS` and `INLINE STATS`: aggregations, then the `BY` groupings.
public struct ESQLStats: Hashable, Sendable {
  /// One aggregation: `[name =] expression [WHERE filter]`.
  public struct Aggregate: Hashable, Sendable {
    public var assignment: ESQLAssignment
    /// The `WHERE` condition of a filtered aggregation, e.g. `COUNT(*) WHERE event.outcome == "failure"`.
    public var filter: ESQLExpression?
    @ESQLSourceRange public var range: Range<Int>

    public init(assignment: ESQLAssignment, filter: ESQLExpression?, range: Range<Int>) {
      self.assignment = assignment
      self.filter = filter
      self.range = range
    }
  }

  /// Whether this is `INLINE STATS` (rows are kept and the aggregates added to each).
  public var inline: Bool
  public var aggregates: [Aggregate]
  public var groupings: [ESQLAssignment]

  public init(inline: Bool, aggregates: [Aggregate], groupings: [ESQLAssignment]) {
    self.inline = inline
    self.aggregates = aggregates
    self.groupings = groupings
  }
}
