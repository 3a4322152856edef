import VigilSyntax

/// Parses Lucene query syntax as Elasticsearch's `query_string` query reads it (Lucene's classic query parser with
/// Elasticsearch's additions), from UTF-8 bytes.
///
/// ```swift
/// let result = LuceneParser.parse("process.name:chmod AND process.args:(g+s OR /2[0-9]{3}/) AND NOT user.name:root")
/// ```
///
/// The classic parser's quirks are kept: operators are upper case only (`or` is a term), `+` and `-` are modifiers
/// only before a term (`g+s` is one term), `/` starts a regular expression even inside a word, and `AND` makes the
/// clause before it required, so `a OR b AND c` needs `b` and `c` and ignores `a`. Elasticsearch's additions:
/// `_exists_:field`, `field:>10` style ranges, and `field:*` meaning that the field exists. Boosts (`^2`) are read
/// and dropped, as they change scores, not matches. Parsing stops at the first error.
public struct LuceneParser: Sendable {
  let bytes: [UInt8]
  var offset = 0
  var depth = 0
  /// Warnings found on the way (lower-case operator words).
  var warnings: [Diagnostic] = []

  /// How deeply groups may nest; deeper input is an error, not a stack overflow.
  public static let maximumNesting = 256

  /// What ``parse(_:)`` returns: the query when the text is valid, and the first syntax error otherwise.
  public struct Result: Sendable {
    public var query: LuceneQuery?
    public var diagnostics: [Diagnostic]
  }

  /// Parses a query typed or read from a rule; an empty query matches every document, as in Kibana.
  public static func parse(_ text: String) -> Result {
    var parser = LuceneParser(bytes: Array(text.utf8))
    do throws(SyntaxError) {
      let root = try parser.parseQuery(field: nil)
      if parser.offset < parser.bytes.count {
        throw parser.error("unexpected ')'", at: parser.offset..<parser.offset + 1)
      }
      return Result(query: LuceneQuery(text: text, root: root), diagnostics: parser.warnings)
    } catch {
      return Result(query: nil, diagnostics: [error.diagnostic])
    }
  }

  struct SyntaxError: Error {
    var diagnostic: Diagnostic
  }

  func error(_ message: String, at range: Range<Int>) -> SyntaxError {
    SyntaxError(diagnostic: .error("lucene.syntax", message, at: range))
  }

  private enum Conjunction { case none, and, or }
  private enum Modifier { case none, required, prohibited }

  /// `Query := Modifier? Clause (Conjunction? Modifier? Clause)*`, up to a `)` or the end.
  mutating func parseQuery(field: String?) throws(SyntaxError) -> LuceneNode {
    var clauses: [LuceneClause] = []
    while true {
      skipSpace()
      guard offset < bytes.count, bytes[offset] != UInt8(ascii: ")") else { break }
      let conjunctionStart = offset
      let conjunction = parseConjunction()
      if conjunction != .none && clauses.isEmpty {
        throw error("a query cannot start with AND or OR", at: conjunctionStart..<offset)
      }
      skipSpace()
      let modifier = parseModifier()
      skipSpace()
      let node = try parseClause(field: field)
      if conjunction == .and, let last = clauses.indices.last, clauses[last].occur != .mustNot {
        clauses[last].occur = .must
      }
      let occur: LuceneClause.Occur =
        switch modifier {
        case .prohibited: .mustNot
        case .required: .must
        case .none: conjunction == .and ? .must : .should
        }
      clauses.append(LuceneClause(occur, node))
    }
    return .group(clauses)
  }

  private mutating func parseConjunction() -> Conjunction {
    switch operatorWord() {
    case ("AND", let end)?, ("&&", let end)?:
      offset = end
      return .and
    case ("OR", let end)?, ("||", let end)?:
      offset = end
      return .or
    default:
      return .none
    }
  }

  private mutating func parseModifier() -> Modifier {
    guard offset < bytes.count else { return .none }
    switch bytes[offset] {
    case UInt8(ascii: "+"):
      offset += 1
      return .required
    case UInt8(ascii: "-"), UInt8(ascii: "!"):
      offset += 1
      return .prohibited
    default:
      guard case ("NOT", let end)? = operatorWord() else { return .none }
      offset = end
      return .prohibited
    }
  }

  /// The operator word at the offset (`AND`, `OR`, `NOT`, `&&`, `||`) and where it ends, or `nil`.
  private func operatorWord() -> (String, Int)? {
    let end = termEnd(from: offset)
    guard end - offset <= 3 else { return nil }
    let text = String(decoding: bytes[offset..<end], as: UTF8.self)
    return ["AND", "OR", "NOT", "&&", "||"].contains(text) ? (text, end) : nil
  }

  /// `Clause := (Term ':')? (Term | '(' Query ')')`.
  private mutating func parseClause(field: String?) throws(SyntaxError) -> LuceneNode {
    var field = field
    let start = offset
    var nameEnd = termEnd(from: offset)
    if nameEnd == offset, offset < bytes.count, bytes[offset] == UInt8(ascii: "*") { nameEnd += 1 }
    if nameEnd > offset {
      var after = nameEnd
      while after < bytes.count, Self.isSpace(bytes[after]) { after += 1 }
      if after < bytes.count, bytes[after] == UInt8(ascii: ":") {
        field = unescaped(offset..<nameEnd)
        offset = after + 1
        skipSpace()
      }
    }
    guard offset < bytes.count else { throw error("expected a term", at: start..<max(offset, start + 1)) }
    if bytes[offset] == UInt8(ascii: "(") {
      let open = offset
      offset += 1
      depth += 1
      guard depth <= Self.maximumNesting else { throw error("groups nest too deeply", at: open..<open + 1) }
      let group = try parseQuery(field: field)
      guard offset < bytes.count else { throw error("unclosed '('", at: open..<open + 1) }
      offset += 1
      depth -= 1
      if case .group(let clauses) = group, clauses.isEmpty { throw error("empty group", at: open..<offset) }
      try skipBoost()
      return group
    }
    var term = try parseTerm(field: field)
    try skipBoost()
    if field == "_exists_" {
      // `_exists_:name`: the term names the field that must exist.
      switch term {
      case .word(let parts):
        field = parts.map { part in
          switch part {
          case .text(let text): text
          case .anyString: "*"
          case .anyCharacter: "?"
          }
        }.joined()
      case .phrase(let text): field = text
      default: throw error("expected a field name after '_exists_:'", at: start..<offset)
      }
      term = .exists
    }
    return .term(field: field, term, range: start..<offset)
  }

  private mutating func parseTerm(field: String?) throws(SyntaxError) -> LuceneTerm {
    let start = offset
    switch bytes[offset] {
    case UInt8(ascii: "\""):
      let text = try quoted()
      if skipFuzziness() { return .fuzzy(String(decoding: bytes[start..<offset], as: UTF8.self)) }
      return .phrase(text)
    case UInt8(ascii: "/"):
      offset += 1
      while offset < bytes.count, bytes[offset] != UInt8(ascii: "/") {
        offset += bytes[offset] == UInt8(ascii: "\\") ? 2 : 1
      }
      guard offset < bytes.count else { throw error("unterminated regular expression", at: start..<start + 1) }
      offset += 1
      return .regex(String(decoding: bytes[start + 1..<offset - 1], as: UTF8.self))
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      return try range()
    default:
      break
    }
    let end = termEnd(from: offset, wildcards: true)
    guard end > offset else {
      throw error("expected a term, found '\(Character(Unicode.Scalar(bytes[offset])))'", at: offset..<offset + 1)
    }
    let raw = bytes[offset..<end]
    let parts = wordParts(offset..<end)
    offset = end
    if skipFuzziness() { return .fuzzy(String(decoding: bytes[start..<offset], as: UTF8.self)) }
    if field != nil, let comparison = Self.comparison(raw: raw, parts: parts) { return comparison }
    if parts.count == 1, case .text(let text) = parts[0], ["and", "or", "not"].contains(text) {
      warnings.append(
        .warning(
          "lucene.lower-case-operator",
          "'\(text)' is a term here: Lucene's operators are upper case ('\(text.uppercased())')", at: start..<offset))
    }
    return .word(parts)
  }

  /// Elasticsearch's `field:>value`, `>=`, `<`, `<=` on a term without wildcards.
  private static func comparison(raw: ArraySlice<UInt8>, parts: [LuceneTerm.Part]) -> LuceneTerm? {
    guard parts.count == 1, case .text(let text) = parts[0], let first = raw.first,
      first == UInt8(ascii: ">") || first == UInt8(ascii: "<")
    else { return nil }
    let inclusive = text.utf8.dropFirst().first == UInt8(ascii: "=") && text.utf8.count > 2
    let value = String(text.dropFirst(inclusive ? 2 : 1))
    return first == UInt8(ascii: ">")
      ? .range(lower: value, includesLower: inclusive, upper: nil, includesUpper: true)
      : .range(lower: nil, includesLower: true, upper: value, includesUpper: inclusive)
  }

  /// `[a TO b]`, `{a TO b}`, mixed brackets allowed; `*` is an open bound.
  private mutating func range() throws(SyntaxError) -> LuceneTerm {
    let start = offset
    let includesLower = bytes[offset] == UInt8(ascii: "[")
    offset += 1
    func bound(_ parser: inout LuceneParser) throws(SyntaxError) -> String? {
      parser.skipSpace()
      guard parser.offset < parser.bytes.count else {
        throw parser.error("unterminated range", at: start..<start + 1)
      }
      if parser.bytes[parser.offset] == UInt8(ascii: "\"") { return try parser.quoted() }
      let goopStart = parser.offset
      while parser.offset < parser.bytes.count, !Self.isSpace(parser.bytes[parser.offset]),
        parser.bytes[parser.offset] != UInt8(ascii: "]"), parser.bytes[parser.offset] != UInt8(ascii: "}")
      {
        parser.offset += 1
      }
      guard parser.offset > goopStart else { throw parser.error("expected a range bound", at: start..<parser.offset) }
      let text = parser.unescaped(goopStart..<parser.offset)
      return text == "*" ? nil : text
    }
    let lower = try bound(&self)
    skipSpace()
    if bytes[offset...].starts(with: "TO".utf8), offset + 2 < bytes.count, Self.isSpace(bytes[offset + 2]) {
      offset += 2
    } else {
      throw error("expected TO in a range", at: start..<offset)
    }
    let upper = try bound(&self)
    guard offset < bytes.count else { throw error("unterminated range", at: start..<start + 1) }
    let includesUpper = bytes[offset] == UInt8(ascii: "]")
    offset += 1
    return .range(lower: lower, includesLower: includesLower, upper: upper, includesUpper: includesUpper)
  }

  /// A `"…"` phrase, with `\x` read as `x`.
  private mutating func quoted() throws(SyntaxError) -> String {
    let start = offset
    offset += 1
    var text: [UInt8] = []
    while offset < bytes.count, bytes[offset] != UInt8(ascii: "\"") {
      if bytes[offset] == UInt8(ascii: "\\"), offset + 1 < bytes.count { offset += 1 }
      text.append(bytes[offset])
      offset += 1
    }
    guard offset < bytes.count else { throw error("unterminated quoted string", at: start..<start + 1) }
    offset += 1
    return String(decoding: text, as: UTF8.self)
  }

  /// Skips `~` and its optional number; whether there was one.
  private mutating func skipFuzziness() -> Bool {
    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "~") else { return false }
    offset += 1
    while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
    return true
  }

  /// Skips `^` and its number (a boost changes scores, not which documents match).
  private mutating func skipBoost() throws(SyntaxError) {
    guard offset < bytes.count, bytes[offset] == UInt8(ascii: "^") else { return }
    let start = offset
    offset += 1
    let digits = offset
    while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
    if offset == digits { throw error("expected a number after '^'", at: start..<offset) }
  }

  private static func isNumberByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
  }

  /// The end of the term starting at `start`: Lucene's term characters, escapes included; `*` and `?` only when
  /// `wildcards` (a field name or an operator word has none).
  private func termEnd(from start: Int, wildcards: Bool = false) -> Int {
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        index = min(index + 2, bytes.count)
        continue
      }
      if Self.isSpace(byte) || Self.isIdeographicSpace(bytes, at: index) { break }
      if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") {
        if !wildcards { break }
      } else if Self.endsTerm(byte) || (index == start && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"))) {
        break
      }
      index += 1
    }
    return index
  }

  private static func endsTerm(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ":"), UInt8(ascii: "^"), UInt8(ascii: "["),
      UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "~"),
      UInt8(ascii: "!"), UInt8(ascii: "/"):
      true
    default: false
    }
  }

  /// The pieces of the term in `range`: text with escapes resolved, unescaped `*` and `?` as wildcards.
  private func wordParts(_ range: Range<Int>) -> [LuceneTerm.Part] {
    var parts: [LuceneTerm.Part] = []
    var text: [UInt8] = []
    func flush() {
      if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
      text.removeAll()
    }
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound {
        text.append(bytes[index + 1])
        index += 2
        continue
      }
      if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") {
        flush()
        parts.append(byte == UInt8(ascii: "*") ? .anyString : .anyCharacter)
      } else {
        text.append(byte)
      }
      index += 1
    }
    flush()
    return parts
  }

  /// The text in `range` with each `\x` read as `x`.
  private func unescaped(_ range: Range<Int>) -> String {
    var text: [UInt8] = []
    var index = range.lowerBound
    while index < range.upperBound {
      if bytes[index] == UInt8(ascii: "\\"), index + 1 < range.upperBound { index += 1 }
      text.append(bytes[index])
      index += 1
    }
    return String(decoding: text, as: UTF8.self)
  }

  private mutating func skipSpace() {
    while offset < bytes.count {
      if Self.isSpace(bytes[offset]) {
        offset += 1
      } else if Self.isIdeographicSpace(bytes, at: offset) {
        offset += 3
      } else {
        break
      }
    }
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
  }

  /// U+3000, which Lucene's grammar skips as whitespace.
  private static func isIdeographicSpace(_ bytes: [UInt8], at index: Int) -> Bool {
    index + 2 < bytes.count && bytes[index] == 0xE3 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80
  }
}
