/// A scalar function Vigil runs, resolved from its name when a query is compiled, so that rows dispatch on this
/// enum rather than on the name.
enum ESQLScalarFunction: String, CaseIterable, Sendable {
  case case_ = "CASE", coalesce = "COALESCE", greatest = "GREATEST", least = "LEAST"
  case dateTrunc = "DATE_TRUNC", dateDiff = "DATE_DIFF", dateFormat = "DATE_FORMAT", now = "NOW"
  case dateExtract = "DATE_EXTRACT", dayName = "DAY_NAME", monthName = "MONTH_NAME"
  case toString = "TO_STRING", toInteger = "TO_INTEGER", toInt = "TO_INT", toLong = "TO_LONG"
  case toDouble = "TO_DOUBLE", toDbl = "TO_DBL", toIP = "TO_IP", toDatetime = "TO_DATETIME", toDT = "TO_DT"
  case toBoolean = "TO_BOOLEAN", toBool = "TO_BOOL", toLower = "TO_LOWER", toUpper = "TO_UPPER"
  case toDateNanos = "TO_DATE_NANOS", toGeopoint = "TO_GEOPOINT"
  case length = "LENGTH", substring = "SUBSTRING", concat = "CONCAT", replace = "REPLACE", split = "SPLIT"
  case startsWith = "STARTS_WITH", endsWith = "ENDS_WITH", contains = "CONTAINS", locate = "LOCATE"
  case trim = "TRIM", ltrim = "LTRIM", rtrim = "RTRIM", left = "LEFT", right = "RIGHT", reverse = "REVERSE"
  case repeat_ = "REPEAT", space = "SPACE", urlDecode = "URL_DECODE", fromBase64 = "FROM_BASE64"
  case toBase64 = "TO_BASE64", urlEncode = "URL_ENCODE", urlEncodeComponent = "URL_ENCODE_COMPONENT"
  case byteLength = "BYTE_LENGTH", bitLength = "BIT_LENGTH", jsonExtract = "JSON_EXTRACT"
  case round = "ROUND", abs = "ABS", ceil = "CEIL", floor = "FLOOR", pow = "POW", sqrt = "SQRT"
  case log10 = "LOG10", log = "LOG", signum = "SIGNUM", e = "E", pi = "PI", tau = "TAU"
  case cidrMatch = "CIDR_MATCH", ipPrefix = "IP_PREFIX", bucket = "BUCKET"
  case stX = "ST_X", stY = "ST_Y", stDistance = "ST_DISTANCE"
  case mvCount = "MV_COUNT", mvDedupe = "MV_DEDUPE", mvConcat = "MV_CONCAT", mvFirst = "MV_FIRST"
  case mvLast = "MV_LAST", mvMin = "MV_MIN", mvMax = "MV_MAX", mvSum = "MV_SUM", mvAvg = "MV_AVG"
  case mvSort = "MV_SORT", mvSlice = "MV_SLICE", mvContains = "MV_CONTAINS", mvAppend = "MV_APPEND"
  case mvIntersection = "MV_INTERSECTION", mvMedian = "MV_MEDIAN", mvUnion = "MV_UNION"
  case kql = "KQL", match = "MATCH", matchPhrase = "MATCH_PHRASE"

  /// Whether the function is a full-text condition on the row's source event (`KQL`, `MATCH`, `MATCH_PHRASE`).
  var isFullText: Bool { self == .kql || self == .match || self == .matchPhrase }

  /// Whether the function takes the whole multi-value of its first argument (`MV_*`). A switch, not a test of the
  /// name: rows ask it on every call.
  var isMultiValue: Bool {
    switch self {
    case .mvCount, .mvDedupe, .mvConcat, .mvFirst, .mvLast, .mvMin, .mvMax, .mvSum, .mvAvg, .mvSort, .mvSlice,
      .mvContains, .mvAppend, .mvIntersection, .mvMedian, .mvUnion:
      true
    default: false
    }
  }

  /// The type conversion the function is (`TO_STRING`, `TO_LONG`, …), if it is one.
  var conversion: ESQLConversion? {
    switch self {
    case .toString: .string
    case .toInteger, .toInt: .integer
    case .toLong: .long
    case .toDouble, .toDbl: .double
    case .toIP: .ip
    case .toDatetime, .toDT, .toDateNanos: .datetime
    case .toBoolean, .toBool: .boolean
    case .toLower: .lower
    case .toUpper: .upper
    default: nil
    }
  }
}
