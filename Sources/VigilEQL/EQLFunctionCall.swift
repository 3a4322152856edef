/// A call of one of Elasticsearch EQL's functions, such as `startsWith~(process.name, "cmd")`.
public struct EQLFunctionCall: Hashable, Sendable {
  public var function: EQLFunction
  /// Whether the call used the case-insensitive `~` form.
  public var isCaseInsensitive: Bool
  public var arguments: [EQLExpression]
  /// The range of the function name as written.
  public var nameRange: Range<Int>
  public var range: Range<Int>

  public init(
    function: EQLFunction, isCaseInsensitive: Bool = false, arguments: [EQLExpression], nameRange: Range<Int>,
    range: Range<Int>
  ) {
    self.function = function
    self.isCaseInsensitive = isCaseInsensitive
    self.arguments = arguments
    self.nameRange = nameRange
    self.range = range
  }
}
