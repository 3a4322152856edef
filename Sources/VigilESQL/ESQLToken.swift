/// A token of ES|QL's expression mode. Keywords are ``Kind/word`` tokens, recognised by the parser by their text
/// (case-insensitively), so that words like `first` or `values` can still name fields.
struct ESQLToken: Sendable {
  enum Kind: Hashable, Sendable {
    /// An unquoted identifier or keyword.
    case word
    /// A backquoted identifier, with ``` `` ``` resolved.
    case quotedIdentifier(String)
    /// A string literal, escapes resolved.
    case string(String)
    case integer
    case decimal
    case pipe, comma, dot, leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case assign, cast, colon
    case equal, equalIgnoringCase, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case plus, minus, star, slash, percent
    /// `?`, `?name`, `?1`: query parameters, which Vigil does not take.
    case parameter
    case end
    /// Bytes that make no token; `message` says why.
    case invalid(String)
  }

  var kind: Kind
  var range: Range<Int>
}
