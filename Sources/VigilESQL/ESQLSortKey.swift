/// One key of `SORT`: an expression, a direction and where nulls go.
public struct ESQLSortKey: Hashable, Sendable {
  public var expression: ESQLExpression
  /// `false` for `DESC`; `ASC` is the default.
  public var ascending: Bool
  /// Whether `DESC` or `ASC` was written (kept so printing shows what the author wrote).
  public var explicitDirection: Bool
  /// `true` for `NULLS FIRST`, `false` for `NULLS LAST`, `nil` when not written (nulls go last ascending and first
  /// descending, as in Elasticsearch).
  public var nullsFirst: Bool?
  @ESQLSourceRange public var range: Range<Int>

  public init(
    expression: ESQLExpression, ascending: Bool, explicitDirection: Bool, nullsFirst: Bool?, range: Range<Int>
  ) {
    self.expression = expression
    self.ascending = ascending
    self.explicitDirection = explicitDirection
    self.nullsFirst = nullsFirst
    self.range = range
  }

  /// Where nulls go once defaults are applied.
  public var effectiveNullsFirst: Bool { nullsFirst ?? !ascending }
}
