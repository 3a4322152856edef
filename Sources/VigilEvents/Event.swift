#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One ECS document, decoded into the fields an ``EventDecoder`` was asked for.
///
/// Fields are read by ``FieldID`` in constant time: ``values(_:)`` iterates a field's values (arrays flattened),
/// ``first(_:)`` gives the first. Strings are compared as bytes with ``bytes(_:)`` or ``withBytes(_:_:)``. The
/// document's original JSON is kept in ``bytes`` for output.
///
/// An `Event` is a value: decoding into the same variable again reuses its buffers, so a loop that decodes one
/// event at a time does not allocate per event.
public struct Event: Sendable {
  /// The document's original JSON text, exactly as read (without the line ending).
  public internal(set) var bytes: [UInt8] = []
  /// `@timestamp` as nanoseconds since the Unix epoch, when present and valid.
  public internal(set) var timestamp: Int64?
  /// The Elasticsearch index the document came from (`_index` of a `_search` response), if any.
  public var index: String?
  /// The Elasticsearch document id (`_id` of a `_search` response), if any.
  public var documentID: String?
  /// The dotted path of each field, by ``FieldID/index``, when a decoder of every field decoded the event (queries
  /// over every field need the names); `nil` otherwise.
  public internal(set) var fieldPaths: [String]?

  @usableFromInline var unescaped: [UInt8] = []
  @usableFromInline var slots: [Slot] = []
  /// First slot of each field, by field index: -1 absent, -2 present without values (`[]`).
  @usableFromInline var heads: [Int32] = []
  var present: [FieldID] = []

  /// An empty event, ready to be decoded into.
  public init() {}

  /// The fields present in the event, in the order they first appear in the document.
  public var fields: [FieldID] { present }

  /// Whether `field` occurs in the document, even as `null` or `[]`.
  @inlinable
  public func contains(_ field: FieldID) -> Bool { head(field) != -1 }

  /// Whether `field` has at least one value that is not `null`, as Elasticsearch's `exists` query means it.
  public func exists(_ field: FieldID) -> Bool {
    for value in values(field) where !value.isNull { return true }
    return false
  }

  /// The values of `field` in document order; empty when the field is absent or `[]`.
  @inlinable
  public func values(_ field: FieldID) -> Values {
    let first = head(field)
    return Values(slots: slots, first: first < 0 ? -1 : first)
  }

  /// Whether `predicate` holds for some value of `field`, in document order; reads the values in place, without
  /// the copy of the value table that iterating ``values(_:)`` makes.
  @inlinable
  public func containsValue(_ field: FieldID, where predicate: (Value) throws -> Bool) rethrows -> Bool {
    var cursor = head(field)
    guard cursor >= 0 else { return false }
    return try slots.withUnsafeBufferPointer { slots in
      while cursor >= 0 {
        let slot = slots[Int(cursor)]
        if try predicate(slot.value) { return true }
        cursor = slot.next
      }
      return false
    }
  }

  /// The first value of `field`, or `nil` when it has none.
  @inlinable
  public func first(_ field: FieldID) -> Value? {
    let first = head(field)
    return first < 0 ? nil : slots[Int(first)].value
  }

  /// The bytes of a string, big number or object span.
  @inlinable
  public func bytes(_ span: ByteSpan) -> ArraySlice<UInt8> {
    span.isUnescaped ? unescaped[span.range] : bytes[span.range]
  }

  /// Calls `body` with the bytes of `span`, without copying.
  @inlinable
  public func withBytes<R>(_ span: ByteSpan, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
    // Branch rather than pick the array first: picking would copy (retain) it on every call.
    if span.isUnescaped {
      return try unescaped.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[span.range])) }
    }
    return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[span.range])) }
  }

  /// Whether `value` is a string whose UTF-8 bytes are exactly `utf8` (case-sensitive, as keyword fields match).
  public func stringEquals(_ value: Value, _ utf8: [UInt8]) -> Bool {
    guard case .string(let span) = value, Int(span.count) == utf8.count else { return false }
    return withBytes(span) { bytes in
      utf8.withUnsafeBytes { other in
        bytes.count == 0 || memcmp(bytes.baseAddress!, other.baseAddress!, bytes.count) == 0
      }
    }
  }

  /// The text of a string, big number or object value; `nil` for other values.
  public func string(_ value: Value) -> String? {
    guard let span = value.span else { return nil }
    return String(decoding: bytes(span), as: UTF8.self)
  }

  /// The text of the first value of `field` when it is a string.
  public func string(_ field: FieldID) -> String? {
    guard case .string(let span)? = first(field) else { return nil }
    return String(decoding: bytes(span), as: UTF8.self)
  }

  /// Inlined: called for every field test, it cost a call each.
  @inlinable
  func head(_ field: FieldID) -> Int32 {
    field.index < heads.count ? heads[field.index] : -1
  }
}
