/// What the checker knows about an ES|QL function: its kind and how many arguments it takes.
public struct ESQLFunction: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// Computes a value per row.
    case scalar
    /// Aggregates rows; only inside `STATS`/`INLINE STATS` aggregations.
    case aggregate
    /// Groups rows (`BUCKET`, `CATEGORIZE`); only in `STATS … BY`.
    case grouping
    /// Full-text search (`KQL`, `MATCH`, `QSTR`); only in `WHERE` and aggregation filters.
    case fullText
  }

  public var name: String
  public var kind: Kind
  public var minArguments: Int
  /// `nil` when the function takes any number of arguments from `minArguments` on.
  public var maxArguments: Int?
  /// Whether a trailing `{…}` options map is accepted.
  public var takesOptions: Bool

  public init(_ name: String, _ kind: Kind, _ minArguments: Int, _ maxArguments: Int?, options: Bool = false) {
    self.name = name
    self.kind = kind
    self.minArguments = minArguments
    self.maxArguments = maxArguments
    self.takesOptions = options
  }

  /// The function of an (upper-cased) name, if known.
  public static func named(_ name: String) -> ESQLFunction? { catalog[name] }

  /// The functions the checker knows: every function the detection-rules corpus calls, and their common
  /// relatives.
  public static let catalog: [String: ESQLFunction] = {
    let all: [ESQLFunction] = [
      // Aggregates.
      .init("AVG", .aggregate, 1, 1), .init("COUNT", .aggregate, 0, 1), .init("COUNT_DISTINCT", .aggregate, 1, 2),
      .init("MAX", .aggregate, 1, 1), .init("MIN", .aggregate, 1, 1), .init("SUM", .aggregate, 1, 1),
      .init("VALUES", .aggregate, 1, 1), .init("TOP", .aggregate, 2, 3), .init("MEDIAN", .aggregate, 1, 1),
      .init("MEDIAN_ABSOLUTE_DEVIATION", .aggregate, 1, 1), .init("PERCENTILE", .aggregate, 2, 2),
      .init("STD_DEV", .aggregate, 1, 1), .init("VARIANCE", .aggregate, 1, 1),
      .init("WEIGHTED_AVG", .aggregate, 2, 2), .init("SAMPLE", .aggregate, 2, 2),
      .init("ABSENT", .aggregate, 1, 1), .init("PRESENT", .aggregate, 1, 1), .init("FIRST", .aggregate, 2, 2),
      .init("LAST", .aggregate, 2, 2),
      // Grouping.
      .init("BUCKET", .grouping, 2, 4), .init("CATEGORIZE", .grouping, 1, 1),
      // Full text.
      .init("KQL", .fullText, 1, 1, options: true), .init("MATCH", .fullText, 2, 2, options: true),
      .init("MATCH_PHRASE", .fullText, 2, 2, options: true), .init("QSTR", .fullText, 1, 1, options: true),
      // Conditionals.
      .init("CASE", .scalar, 2, nil), .init("COALESCE", .scalar, 1, nil), .init("GREATEST", .scalar, 1, nil),
      .init("LEAST", .scalar, 1, nil),
      // Dates.
      .init("DATE_TRUNC", .scalar, 2, 2), .init("DATE_DIFF", .scalar, 3, 3), .init("DATE_FORMAT", .scalar, 1, 2),
      .init("DATE_EXTRACT", .scalar, 2, 2), .init("DATE_PARSE", .scalar, 1, 2), .init("NOW", .scalar, 0, 0),
      .init("DAY_NAME", .scalar, 1, 1), .init("MONTH_NAME", .scalar, 1, 1),
      // Conversions.
      .init("TO_STRING", .scalar, 1, 1), .init("TO_INTEGER", .scalar, 1, 1), .init("TO_INT", .scalar, 1, 1),
      .init("TO_LONG", .scalar, 1, 1), .init("TO_DOUBLE", .scalar, 1, 1), .init("TO_DBL", .scalar, 1, 1),
      .init("TO_IP", .scalar, 1, 1, options: true), .init("TO_DATETIME", .scalar, 1, 1), .init("TO_DT", .scalar, 1, 1),
      .init("TO_BOOLEAN", .scalar, 1, 1), .init("TO_BOOL", .scalar, 1, 1), .init("TO_VERSION", .scalar, 1, 1),
      .init("TO_UNSIGNED_LONG", .scalar, 1, 1), .init("TO_GEOPOINT", .scalar, 1, 1),
      .init("TO_DATE_NANOS", .scalar, 1, 1), .init("TO_LOWER", .scalar, 1, 1), .init("TO_UPPER", .scalar, 1, 1),
      // Strings.
      .init("LENGTH", .scalar, 1, 1), .init("BYTE_LENGTH", .scalar, 1, 1), .init("BIT_LENGTH", .scalar, 1, 1),
      .init("SUBSTRING", .scalar, 2, 3), .init("CONCAT", .scalar, 2, nil), .init("REPLACE", .scalar, 3, 3),
      .init("SPLIT", .scalar, 2, 2), .init("STARTS_WITH", .scalar, 2, 2), .init("ENDS_WITH", .scalar, 2, 2),
      .init("CONTAINS", .scalar, 2, 2), .init("LOCATE", .scalar, 2, 3), .init("TRIM", .scalar, 1, 1),
      .init("LTRIM", .scalar, 1, 1), .init("RTRIM", .scalar, 1, 1), .init("LEFT", .scalar, 2, 2),
      .init("RIGHT", .scalar, 2, 2), .init("REVERSE", .scalar, 1, 1), .init("REPEAT", .scalar, 2, 2),
      .init("SPACE", .scalar, 1, 1), .init("URL_DECODE", .scalar, 1, 1), .init("URL_ENCODE", .scalar, 1, 1),
      .init("URL_ENCODE_COMPONENT", .scalar, 1, 1), .init("FROM_BASE64", .scalar, 1, 1),
      .init("TO_BASE64", .scalar, 1, 1), .init("JSON_EXTRACT", .scalar, 2, 2), .init("HASH", .scalar, 2, 2),
      .init("MD5", .scalar, 1, 1), .init("SHA1", .scalar, 1, 1), .init("SHA256", .scalar, 1, 1),
      // Numbers.
      .init("ROUND", .scalar, 1, 2), .init("ABS", .scalar, 1, 1), .init("CEIL", .scalar, 1, 1),
      .init("FLOOR", .scalar, 1, 1), .init("POW", .scalar, 2, 2), .init("SQRT", .scalar, 1, 1),
      .init("LOG", .scalar, 1, 2), .init("LOG10", .scalar, 1, 1), .init("SIGNUM", .scalar, 1, 1),
      .init("E", .scalar, 0, 0), .init("PI", .scalar, 0, 0), .init("TAU", .scalar, 0, 0),
      // IP addresses.
      .init("CIDR_MATCH", .scalar, 2, nil), .init("IP_PREFIX", .scalar, 3, 3),
      // Multi-values.
      .init("MV_COUNT", .scalar, 1, 1), .init("MV_DEDUPE", .scalar, 1, 1), .init("MV_CONCAT", .scalar, 2, 2),
      .init("MV_FIRST", .scalar, 1, 1), .init("MV_LAST", .scalar, 1, 1), .init("MV_MIN", .scalar, 1, 1),
      .init("MV_MAX", .scalar, 1, 1), .init("MV_SUM", .scalar, 1, 1), .init("MV_AVG", .scalar, 1, 1),
      .init("MV_MEDIAN", .scalar, 1, 1), .init("MV_SORT", .scalar, 1, 2), .init("MV_SLICE", .scalar, 2, 3),
      .init("MV_ZIP", .scalar, 2, 3), .init("MV_CONTAINS", .scalar, 2, 2), .init("MV_INTERSECTION", .scalar, 2, 2),
      .init("MV_APPEND", .scalar, 2, 2), .init("MV_UNION", .scalar, 2, 2),
      // Geometry.
      .init("ST_DISTANCE", .scalar, 2, 2), .init("ST_X", .scalar, 1, 1), .init("ST_Y", .scalar, 1, 1),
    ]
    return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
  }()

  /// The type names `::` casts accept, lower-cased.
  public static let castTypes: Set<String> = [
    "boolean", "bool", "integer", "int", "long", "double", "unsigned_long", "string", "keyword", "text", "datetime",
    "date", "date_nanos", "ip", "version", "geo_point", "geo_shape", "cartesian_point", "cartesian_shape",
    "time_duration", "date_period",
  ]
}
