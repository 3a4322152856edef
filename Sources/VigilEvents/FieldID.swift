/// A field path interned to a small integer by a ``FieldCatalog``.
///
/// Identifiers are dense (0, 1, 2, …) in the order paths were interned, so they index arrays directly. They are
/// only meaningful together with the catalog that issued them.
public struct FieldID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The index of the path in its catalog.
  public let rawValue: UInt32

  @inlinable
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The identifier as an array index.
  @inlinable
  public var index: Int { Int(rawValue) }

  @inlinable
  public static func < (lhs: FieldID, rhs: FieldID) -> Bool { lhs.rawValue < rhs.rawValue }

  public var description: String { "#\(rawValue)" }
}
