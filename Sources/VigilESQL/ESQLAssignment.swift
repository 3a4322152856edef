/// `name = expression`, or a bare expression, as in `EVAL` and `STATS … BY`.
///
/// A bare expression makes a column named after its source text, as in Elasticsearch; see
/// ``ESQLQuery/columnName(of:)``.
public struct ESQLAssignment: Hashable, Sendable {
  /// The assigned column, or `nil` for a bare expression.
  public var target: String?
  public var expression: ESQLExpression
  @ESQLSourceRange public var range: Range<Int>

  public init(target: String?, expression: ESQLExpression, range: Range<Int>) {
    self.target = target
    self.expression = expression
    self.range = range
  }
}
