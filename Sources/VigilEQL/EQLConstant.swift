/// A constant together with where it was written: the values of `:`, `like` and `regex`.
public struct EQLConstant: Hashable, Sendable {
  public var value: EQLLiteral
  public var range: Range<Int>

  public init(_ value: EQLLiteral, range: Range<Int>) {
    self.value = value
    self.range = range
  }
}
