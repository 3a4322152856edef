/// One value of a field of an ``Event``.
///
/// Arrays are flattened into a field's multiple values, as Elasticsearch does: `"x"` and `["x"]` both give one
/// ``string(_:)`` value, `[]` gives none (the field is present but empty, see ``Event/contains(_:)``), and an
/// array of objects gives its members' values under the dotted paths below it. Strings, big numbers and opaque
/// objects are ``ByteSpan``s into the event that holds them, so reading a value never allocates.
public enum Value: Hashable, Sendable {
  /// JSON `null`.
  case null
  /// JSON `true` or `false`.
  case bool(Bool)
  /// An integer that fits in 64 bits.
  case int(Int64)
  /// A number with a fraction or an exponent.
  case double(Double)
  /// A string: its UTF-8 bytes, escapes resolved.
  case string(ByteSpan)
  /// A number that neither `Int64` nor `Double` holds exactly (say `18446744073709551615`): its JSON text, so
  /// it is never silently rounded.
  case number(ByteSpan)
  /// An object at a wanted path that has no wanted field below it: its JSON text.
  case object(ByteSpan)

  /// The span of a string, big number or object.
  @inlinable
  public var span: ByteSpan? {
    switch self {
    case .string(let span), .number(let span), .object(let span): span
    case .null, .bool, .int, .double: nil
    }
  }

  /// Whether the value is JSON `null`.
  @inlinable
  public var isNull: Bool { if case .null = self { true } else { false } }
}
