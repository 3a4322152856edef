/// A constant value in an EQL query. Strings hold their unescaped value.
public enum EQLLiteral: Hashable, Sendable {
  case null
  case boolean(Bool)
  /// An integer literal; integers too large for 64 bits become ``decimal(_:)``, as in Elasticsearch.
  case integer(Int64)
  case decimal(Double)
  case string(String)
}

/// A constant together with where it was written: the values of `:`, `like` and `regex`.
public struct EQLConstant: Hashable, Sendable {
  public var value: EQLLiteral
  public var range: Range<Int>

  public init(_ value: EQLLiteral, range: Range<Int>) {
    self.value = value
    self.range = range
  }
}
