import VigilSyntax

/// The cursor and diagnostics of one parse. Commands are in `ESQLParserState+Commands.swift`, expressions in
/// `ESQLParserState+Expressions.swift`.
struct ESQLParserState {
  /// A syntax error; thrown to abandon the current command.
  struct SyntaxError: Error {
    var message: String
    var range: Range<Int>
  }

  let bytes: [UInt8]
  let lexer: ESQLLexer
  /// Byte offset of the next unread byte.
  var position = 0
  var diagnostics: [Diagnostic] = []
  /// Current expression nesting, for the depth limit.
  var depth = 0
  private var cached: ESQLToken?
  private var cachedAt = -1

  /// Words that never start an operand: operators and clause keywords.
  static let reservedWords: Set<String> = [
    "and", "or", "not", "in", "is", "like", "rlike", "by", "asc", "desc", "nulls", "as", "with", "on", "where",
    "metadata",
  ]

  init(bytes: [UInt8]) {
    self.bytes = bytes
    self.lexer = ESQLLexer(bytes: bytes)
  }

  // MARK: Tokens

  mutating func peek() -> ESQLToken {
    if let cached, cachedAt == position { return cached }
    let token = lexer.token(at: position)
    cached = token
    cachedAt = position
    return token
  }

  /// The token after the next one.
  mutating func peekSecond() -> ESQLToken {
    lexer.token(at: peek().range.upperBound)
  }

  @discardableResult
  mutating func advance() -> ESQLToken {
    let token = peek()
    position = max(position, token.range.upperBound)
    return token
  }

  /// Moves the cursor back (or forward) to `offset`, for backtracking.
  mutating func reset(to offset: Int) {
    position = offset
  }

  func text(_ token: ESQLToken) -> String {
    String(decoding: bytes[token.range], as: UTF8.self)
  }

  func text(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  /// The next token's word, lower-cased, when it is a word.
  mutating func peekWord() -> String? {
    let token = peek()
    return token.kind == .word ? text(token).lowercased() : nil
  }

  mutating func atWord(_ keyword: String) -> Bool {
    peekWord() == keyword
  }

  /// Consumes the keyword when it comes next.
  mutating func take(_ keyword: String) -> ESQLToken? {
    atWord(keyword) ? advance() : nil
  }

  /// Consumes a token of `kind` or throws "expected `what`".
  @discardableResult
  mutating func expect(_ kind: ESQLToken.Kind, _ what: String) throws(SyntaxError) -> ESQLToken {
    let token = peek()
    guard token.kind == kind else { throw unexpected(token, expected: what) }
    return advance()
  }

  mutating func expectWord(_ keyword: String) throws(SyntaxError) -> ESQLToken {
    guard let token = take(keyword) else { throw unexpected(peek(), expected: keyword.uppercased()) }
    return token
  }

  /// A quoted display of a token for messages: `'foo'`, or `end of query`.
  func describe(_ token: ESQLToken) -> String {
    switch token.kind {
    case .end: return "end of query"
    case .invalid(let message): return message
    default:
      let raw = text(token)
      return "'" + (raw.count > 40 ? String(raw.prefix(40)) + "…" : raw) + "'"
    }
  }

  func unexpected(_ token: ESQLToken, expected: String) -> SyntaxError {
    if case .invalid(let message) = token.kind { return SyntaxError(message: message, range: token.range) }
    return SyntaxError(message: "expected \(expected), found \(describe(token))", range: token.range)
  }

  // MARK: Names

  /// Whether a token can start a field name.
  mutating func startsName(_ token: ESQLToken) -> Bool {
    switch token.kind {
    case .word: !Self.reservedWords.contains(text(token).lowercased())
    case .quotedIdentifier: true
    default: false
    }
  }

  /// `identifier (. identifier)*`, joined with dots; after a dot any word is taken, keywords included.
  mutating func parseQualifiedName() throws(SyntaxError) -> (name: String, range: Range<Int>) {
    let first = peek()
    guard startsName(first) else { throw unexpected(first, expected: "a field name") }
    var name = segment(advance())
    var end = first.range.upperBound
    while peek().kind == .dot {
      advance()
      let next = peek()
      switch next.kind {
      case .word, .quotedIdentifier:
        name += "." + segment(advance())
        end = next.range.upperBound
      default:
        throw unexpected(next, expected: "a field name after '.'")
      }
    }
    return (name, first.range.lowerBound..<end)
  }

  private func segment(_ token: ESQLToken) -> String {
    if case .quotedIdentifier(let content) = token.kind { return content }
    return text(token)
  }

  /// A column name or pattern of `KEEP`, `DROP`, `RENAME`, `MV_EXPAND`: adjacent words, backquoted names, dots
  /// and (when allowed) `*`, with no space between them.
  mutating func parseNamePattern(allowWildcard: Bool) throws(SyntaxError) -> ESQLNamePattern {
    let start = peek().range.lowerBound
    var name = ""
    var end = start
    while true {
      let token = peek()
      if !name.isEmpty, token.range.lowerBound != end { break }
      var piece: String?
      switch token.kind {
      case .word: piece = name.isEmpty && Self.reservedWords.contains(text(token).lowercased()) ? nil : text(token)
      case .quotedIdentifier(let content): piece = content
      case .star: piece = allowWildcard ? "*" : nil
      case .dot: piece = name.isEmpty ? nil : "."
      default: piece = nil
      }
      guard let piece else {
        if name.isEmpty {
          throw unexpected(token, expected: allowWildcard ? "a column name or pattern" : "a column name")
        }
        break
      }
      name += piece
      advance()
      end = token.range.upperBound
    }
    if name.hasSuffix(".") || name.contains("..") {
      throw SyntaxError(message: "invalid column name '\(name)'", range: start..<end)
    }
    return ESQLNamePattern(name, range: start..<end)
  }
}
