import VigilEvents

/// What one value of a field must satisfy for a ``FieldTest`` to hold. Lowerings choose the condition from the
/// field's Elasticsearch type, so the evaluator never looks at types: a keyword field gets ``keywordIn(_:)``, a
/// long field ``number(_:)``, a date field ``date(_:)``.
public enum FieldCondition: Hashable, Sendable {
  /// The value is not `null` (Elasticsearch's `exists`).
  case exists
  /// The value's text is one of the set's members (case-insensitively when the set folds case). Numbers and
  /// booleans compare by their JSON text, as a keyword field indexes them.
  case keywordIn(ByteStringSet)
  /// The value's text falls in a range, in byte order (range queries on keyword fields).
  case keywordRange(Interval<ByteString>)
  /// The value is a number (or a numeric string) in the range.
  case number(Interval<Number>)
  /// The value is a date (ISO-8601 text or epoch milliseconds) whose time in nanoseconds is in the range.
  case date(Interval<Int64>)
  /// The value is the boolean (or the string `"true"`/`"false"`).
  case boolean(Bool)
  /// The value is an IP address (text) inside one of the blocks; a bare address is a /32 or /128 block.
  case ipIn([CIDRBlock])
  /// The value is an IP address in the range (IPv4 compared in its IPv4-mapped IPv6 form, as Elasticsearch does).
  case ipRange(Interval<IPAddress>)
  /// The value's keyword text matches a wildcard pattern (numbers and booleans by their JSON text).
  case wildcard(WildcardPattern)
  /// The value's keyword text matches one of several wildcard patterns (the optimiser's merge of `or`ed
  /// ``wildcard(_:)`` tests on one field).
  case wildcards(WildcardList)
  /// The value's keyword text matches a regular expression, anchored (EQL `regex`, Elasticsearch `regexp`).
  case regex(LuceneRegex)
  /// The value is analysed text that satisfies a full-text query (`text` and `match_only_text` fields).
  case text(TextQuery)
  /// The value is an object (one element of an array of objects) that satisfies a query of its own.
  case nested(NestedQuery)
  /// For a field the schema does not know: the value matches as the type its JSON value would be mapped to
  /// (strings as keywords, numbers by value, booleans by value), as Elasticsearch's dynamic mapping would index it.
  case dynamic(DynamicMatch)
}

/// The readings of one query value for a field of unknown type, chosen per event value by its JSON type.
public struct DynamicMatch: Hashable, Sendable {
  /// Matched against string values.
  public var keywords: ByteStringSet
  /// Matched against numeric values, when the query value is a number.
  public var number: Number?
  /// Matched against boolean values, when the query value is `true` or `false`.
  public var boolean: Bool?

  public init(keywords: ByteStringSet, number: Number? = nil, boolean: Bool? = nil) {
    self.keywords = keywords
    self.number = number
    self.boolean = boolean
  }
}

/// A byte string ordered as Elasticsearch orders keywords: by unsigned bytes.
public struct ByteString: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var bytes: [UInt8]

  public init(_ text: String) { bytes = Array(text.utf8) }

  public static func < (lhs: ByteString, rhs: ByteString) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }

  public var description: String { String(decoding: bytes, as: UTF8.self) }
}

/// A condition on the values of one field: it holds when any value of the field satisfies the condition, as
/// Elasticsearch queries match multi-valued fields. A missing field, `null` or `[]` never satisfies it.
public struct FieldTest: Hashable, Sendable {
  public var field: FieldID
  public var condition: FieldCondition

  public init(field: FieldID, condition: FieldCondition) {
    self.field = field
    self.condition = condition
  }
}
