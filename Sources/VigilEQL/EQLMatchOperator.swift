/// The string matching operators, whose right side is one constant or a parenthesised list of constants.
public enum EQLMatchOperator: String, Hashable, Sendable, CaseIterable {
  /// `:`: case-insensitive equality, with `*` / `?` wildcards.
  case insensitiveEquals = ":"
  /// `like`: case-sensitive wildcard match.
  case like
  /// `like~`: case-insensitive wildcard match.
  case likeInsensitive = "like~"
  /// `regex`: case-sensitive regular expression (Lucene syntax), anchored to the whole value.
  case regex
  /// `regex~`: case-insensitive regular expression.
  case regexInsensitive = "regex~"

  /// Whether the operator ignores case.
  public var isCaseInsensitive: Bool {
    self == .insensitiveEquals || self == .likeInsensitive || self == .regexInsensitive
  }

  /// Whether the values are regular expressions (otherwise wildcard patterns).
  public var isRegex: Bool { self == .regex || self == .regexInsensitive }
}
