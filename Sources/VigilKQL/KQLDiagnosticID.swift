/// The stable identifiers of KQL diagnostics, for tests and tooling.
public enum KQLDiagnosticID {
  /// A query, value or field name was expected but something else was found.
  public static let expected = "kql.expected"
  /// A token that cannot follow what came before it (`a:b c:d`).
  public static let unexpected = "kql.unexpected"
  /// A `(` never closed or a `)` never opened; the same for `{ }`.
  public static let unbalanced = "kql.unbalanced"
  /// A `"` with no closing `"`.
  public static let unterminatedString = "kql.unterminated-string"
  /// A backslash in an unquoted literal not followed by a character that may be escaped.
  public static let invalidEscape = "kql.invalid-escape"
  /// Groups nested deeper than ``KQLParser/maximumNesting``.
  public static let tooDeep = "kql.too-deep"

  /// Warning: a range compared with something that is neither a number nor a date.
  public static let rangeValue = "kql.range-value"
  /// Warning: an unquoted value ending with `and`/`or`/`not`, which Kibana reads as part of the value.
  public static let trailingKeyword = "kql.trailing-keyword"
  /// Warning: `?` in an unquoted value, which is not a wildcard in KQL.
  public static let questionMark = "kql.question-mark"
  /// Warning: a quoted `\t`, `\r`, `\n` or `\uXXXX` that becomes a control character (often a Windows path).
  public static let controlEscape = "kql.control-escape"
  /// Warning: a field name with whitespace in it, usually a missing `and`/`or`.
  public static let fieldWhitespace = "kql.field-whitespace"
  /// Warning: free text (a value with no field), which searches every field.
  public static let freeText = "kql.free-text"
}
