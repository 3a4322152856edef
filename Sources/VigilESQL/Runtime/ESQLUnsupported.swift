/// A construct of a query that Vigil cannot run, with where it is.
public struct ESQLUnsupported: Hashable, Sendable, CustomStringConvertible {
  /// A short name of the construct: `COMPLETION`, `JSON_EXTRACT`, `KQL`, `GROK pattern`, …
  public var construct: String
  public var message: String
  public var range: Range<Int>

  public init(construct: String, message: String, range: Range<Int>) {
    self.construct = construct
    self.message = message
    self.range = range
  }

  public var description: String { "\(construct): \(message)" }
}
