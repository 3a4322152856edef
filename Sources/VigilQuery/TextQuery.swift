/// A full-text condition on an analysed (`text`, `match_only_text`) field.
public struct TextQuery: Hashable, Sendable {
  public enum Mode: Hashable, Sendable {
    /// `match`: any query token occurs in the value (the `or` operator, Elasticsearch's default).
    case anyToken
    /// `match_phrase`: the query tokens occur consecutively, in order.
    case phrase
  }

  /// The query's tokens, lower-cased.
  public let tokens: [String]
  public let mode: Mode
  private let tokenSet: ByteStringSet
  /// One single-member set per query token, for comparing an event token with the phrase's next token in place.
  private let tokenMatchers: [ByteStringSet]
  /// KMP failure table over `tokens`, for phrases.
  private let fallback: [Int]

  /// Analyses `text` into the query's tokens.
  public init(_ text: String, mode: Mode) {
    tokens = TextAnalyzer.tokens(text)
    self.mode = mode
    tokenSet = ByteStringSet(tokens, foldingCase: true)
    tokenMatchers = tokens.map { ByteStringSet([$0], foldingCase: true) }
    var fallback = Array(repeating: 0, count: tokens.count)
    var length = 0
    for index in tokens.indices.dropFirst() {
      while length > 0, tokens[index] != tokens[length] { length = fallback[length - 1] }
      if tokens[index] == tokens[length] { length += 1 }
      fallback[index] = length
    }
    self.fallback = fallback
  }

  /// Whether the text `bytes` satisfies the query. A query without tokens matches nothing, as in Elasticsearch.
  public func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard !tokens.isEmpty else { return false }
    switch mode {
    case .anyToken:
      var found = false
      TextAnalyzer.forEachToken(bytes) { token in
        found = tokenSet.contains(token)
        return !found
      }
      return found
    case .phrase:
      var matched = 0
      var found = false
      TextAnalyzer.forEachToken(bytes) { token in
        while matched > 0, !tokenMatchers[matched].contains(token) { matched = fallback[matched - 1] }
        if tokenMatchers[matched].contains(token) { matched += 1 }
        if matched == tokens.count { found = true }
        return !found
      }
      return found
    }
  }
}
