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
