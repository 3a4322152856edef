/// A byte range into the query text that takes no part in equality or hashing.
///
/// Every AST node stores its range through this wrapper, so two ASTs compare equal when they have the same
/// structure and values, wherever their nodes came from (a printed and re-parsed query equals the original).
@propertyWrapper
public struct ESQLSourceRange: Hashable, Sendable {
  public var wrappedValue: Range<Int>

  public init(wrappedValue: Range<Int>) {
    self.wrappedValue = wrappedValue
  }

  public static func == (lhs: ESQLSourceRange, rhs: ESQLSourceRange) -> Bool { true }

  public func hash(into hasher: inout Hasher) {}
}
