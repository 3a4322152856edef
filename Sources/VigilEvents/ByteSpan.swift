/// A run of bytes held by an ``Event``: a string's UTF-8 bytes (without quotes, escapes resolved) or the JSON text
/// of a number or object. Read it with ``Event/bytes(_:)`` or ``Event/withBytes(_:_:)``.
public struct ByteSpan: Hashable, Sendable {
  /// Offset of the first byte in its buffer.
  public var start: Int32
  /// Number of bytes.
  public var count: Int32
  /// Whether the bytes live in the event's buffer of unescaped strings rather than in ``Event/bytes``.
  public var isUnescaped: Bool

  @inlinable
  public init(start: Int32, count: Int32, isUnescaped: Bool = false) {
    self.start = start
    self.count = count
    self.isUnescaped = isUnescaped
  }

  /// The byte offsets the span covers.
  @inlinable
  public var range: Range<Int> { Int(start)..<Int(start) + Int(count) }
}
