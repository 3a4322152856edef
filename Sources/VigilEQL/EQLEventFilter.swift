/// `category where condition`, alone or inside `[…]`.
public struct EQLEventFilter: Hashable, Sendable {
  /// The event category to match, or `nil` for `any`.
  public var category: String?
  public var categoryRange: Range<Int>
  public var condition: EQLExpression
  public var range: Range<Int>

  public init(category: String?, categoryRange: Range<Int>, condition: EQLExpression, range: Range<Int>) {
    self.category = category
    self.categoryRange = categoryRange
    self.condition = condition
    self.range = range
  }
}
