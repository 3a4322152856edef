/// One `"key": constant` entry of a `{…}` options map (function options, `COMPLETION … WITH {…}`).
public struct ESQLMapEntry: Hashable, Sendable {
  public var key: String
  public var value: ESQLLiteral
  @ESQLSourceRange public var range: Range<Int>

  public init(key: String, value: ESQLLiteral, range: Range<Int>) {
    self.key = key
    self.value = value
    self.range = range
  }
}
