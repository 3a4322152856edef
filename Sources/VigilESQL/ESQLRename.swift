/// One clause of `RENAME`: `old AS new` (or, equivalently, `new = old`).
public struct ESQLRename: Hashable, Sendable {
  public var old: ESQLNamePattern
  public var new: ESQLNamePattern
  @ESQLSourceRange public var range: Range<Int>

  public init(old: ESQLNamePattern, new: ESQLNamePattern, range: Range<Int>) {
    self.old = old
    self.new = new
    self.range = range
  }
}
