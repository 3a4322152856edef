/// An Elasticsearch field type, as the schema (`field-types.tsv`) names it. Types decide how values match: keyword
/// family exactly, text analysed, numbers, dates, IPs and booleans by value.
public enum FieldType: String, Hashable, Sendable, CaseIterable {
  case keyword
  case constantKeyword = "constant_keyword"
  case wildcard
  case text
  case matchOnlyText = "match_only_text"
  case long
  case integer
  case short
  case byte
  case unsignedLong = "unsigned_long"
  case double
  case float
  case halfFloat = "half_float"
  case scaledFloat = "scaled_float"
  case date
  case dateNanos = "date_nanos"
  case boolean
  case ip
  case object
  case nested
  case flattened
  case geoPoint = "geo_point"
  case alias
  case histogram
  case binary

  /// Keyword family: exact, case-sensitive matching on the whole value.
  public var isKeyword: Bool { self == .keyword || self == .constantKeyword || self == .wildcard }

  /// Analysed text: matched by tokens, lower-cased.
  public var isText: Bool { self == .text || self == .matchOnlyText }

  /// Whether values compare as integers.
  public var isInteger: Bool {
    switch self {
    case .long, .integer, .short, .byte, .unsignedLong: true
    default: false
    }
  }

  /// Whether values compare as numbers.
  public var isNumeric: Bool {
    isInteger || self == .double || self == .float || self == .halfFloat || self == .scaledFloat
  }

  /// Whether values are dates.
  public var isDate: Bool { self == .date || self == .dateNanos }

  /// The type Elasticsearch's ECS dynamic mapping gives a field the schema does not know, from its JSON value:
  /// strings are keywords, integers longs, other numbers floats, integers beyond `Int64` unsigned longs; `nil` for
  /// `null`, which maps nothing.
  public static func inferred(from value: Value) -> FieldType? {
    switch value {
    case .null: nil
    case .bool: .boolean
    case .int: .long
    case .double: .float
    case .string: .keyword
    case .number: .unsignedLong
    case .object: .object
    }
  }
}
