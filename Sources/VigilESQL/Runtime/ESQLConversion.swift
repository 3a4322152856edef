/// A conversion of single values to a type: a `TO_*` function or a `::type` cast, resolved at compile time.
enum ESQLConversion: Sendable {
  case string, integer, long, double, ip, datetime, boolean
  /// `TO_LOWER` and `TO_UPPER`: strings only, and other values are dropped without a warning.
  case lower, upper

  /// The conversion of a cast's (lower-cased) type name, if Vigil runs it.
  init?(castType type: String) {
    switch type {
    case "string", "keyword", "text": self = .string
    case "integer", "int": self = .integer
    case "long": self = .long
    case "double": self = .double
    case "ip": self = .ip
    case "datetime", "date": self = .datetime
    case "boolean", "bool": self = .boolean
    default: return nil
    }
  }
}
