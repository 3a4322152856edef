/// The outcome of ``ESQLProgram/compile(_:fields:kql:defaultLimit:maximumLimit:)``.
public struct ESQLCompileResult: Sendable {
  public var program: ESQLProgram?
  /// The constructs that keep the query from running; empty when `program` is set.
  public var unsupported: [ESQLUnsupported]
}
