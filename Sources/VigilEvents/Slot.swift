/// One decoded value, stored flat in an ``Event``; values of the same field are chained by `next`.
@usableFromInline
struct Slot: Sendable {
  @usableFromInline
  enum Kind: UInt8, Sendable {
    case null, falseValue, trueValue, int, double, string, unescapedString, number, object
  }

  /// The integer, the bit pattern of the double, or the start offset of a span.
  @usableFromInline var payload: Int64
  @usableFromInline var field: UInt32
  /// The next slot of the same field, or -1.
  @usableFromInline var next: Int32
  /// The length of a span.
  @usableFromInline var count: Int32
  @usableFromInline var kind: Kind

  @inlinable
  init(kind: Kind, field: UInt32, payload: Int64 = 0, count: Int32 = 0) {
    self.payload = payload
    self.field = field
    self.next = -1
    self.count = count
    self.kind = kind
  }

  @inlinable
  var value: Value {
    switch kind {
    case .null: .null
    case .falseValue: .bool(false)
    case .trueValue: .bool(true)
    case .int: .int(payload)
    case .double: .double(Double(bitPattern: UInt64(bitPattern: payload)))
    case .string: .string(ByteSpan(start: Int32(truncatingIfNeeded: payload), count: count))
    case .unescapedString: .string(ByteSpan(start: Int32(truncatingIfNeeded: payload), count: count, isUnescaped: true))
    case .number: .number(ByteSpan(start: Int32(truncatingIfNeeded: payload), count: count))
    case .object: .object(ByteSpan(start: Int32(truncatingIfNeeded: payload), count: count))
    }
  }
}
