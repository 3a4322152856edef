/// A constant written in a query.
public enum ESQLLiteral: Hashable, Sendable {
  case null
  case boolean(Bool)
  /// A whole number that fits a signed 64-bit integer (larger ones become ``decimal(_:)``, as in Elasticsearch).
  case integer(Int64)
  case decimal(Double)
  /// A string, with escapes resolved (triple-quoted strings take their content verbatim).
  case string(String)
  /// A time span such as `1 hour` or `7 days`.
  case timeSpan(Int64, ESQLTimeUnit)
  /// A bracketed list of constants, `[1, 2, 3]` or `["a", "b"]`.
  case list([ESQLLiteral])
}
