/// One token of an EQL query, with its byte range in the source.
struct EQLToken: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    case identifier
    /// A backquoted identifier (`` `my field` ``); ``EQLToken/value`` holds the name without quotes.
    case quotedIdentifier
    /// An identifier ending in `~` (`startsWith~`), only valid as a function name.
    case tildeIdentifier
    /// A double-quoted or triple-quoted string; ``EQLToken/value`` holds the unescaped value.
    case string
    case integer
    case decimal
    case keyword(EQLKeyword)
    case symbol(EQLSymbol)
    case end
  }

  var kind: Kind
  var range: Range<Int>
  /// Identifier name, string value or number spelling.
  var value: String

  func isKeyword(_ keyword: EQLKeyword) -> Bool { kind == .keyword(keyword) }
  func isSymbol(_ symbol: EQLSymbol) -> Bool { kind == .symbol(symbol) }
}

/// The reserved words of Elasticsearch EQL. They are lower case only: `AND` is an identifier.
enum EQLKeyword: String, CaseIterable, Sendable {
  case and, any, by, `false`, `in`
  case inInsensitive = "in~"
  case join, like
  case likeInsensitive = "like~"
  case maxspan, not,
    null, of, or, regex
  case regexInsensitive = "regex~"
  case sample, sequence, `true`, until, `where`, with
}

/// Punctuation and operator tokens.
enum EQLSymbol: String, Sendable {
  case colon = ":"
  case assign = "="
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case
    greaterOrEqual = ">="
  case plus = "+"
  case minus = "-"
  case star = "*"
  case slash = "/"
  case percent = "%"
  case dot = "."
  case comma = ","
  case
    leftBracket = "["
  case rightBracket = "]"
  case leftParen = "("
  case rightParen = ")"
  case pipe = "|"
  case question = "?"
  case
    missingOpen = "!["
}
