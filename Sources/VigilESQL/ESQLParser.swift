import VigilSyntax

/// Parses ES|QL query text into an ``ESQLQuery`` and checks it (``ESQLChecker``).
///
/// Recursive descent over UTF-8 bytes, following Elasticsearch's grammar (`EsqlBaseParser.g4`): boolean
/// expressions `OR` < `AND` < `NOT` < predicates (`LIKE`, `RLIKE`, `IN`, `IS NULL`, `:`) < comparisons
/// (non-associative) < `+ -` < `* / %` < unary `-`/`+` < `::` casts. Keywords and function names are
/// case-insensitive. After an error, parsing resumes at the next `|`, so one pass reports an error per command.
public enum ESQLParser {
  /// Parses and checks `text`.
  public static func parse(_ text: String) -> ESQLParseResult {
    parse(bytes: Array(text.utf8))
  }

  /// Parses and checks a query given as UTF-8 bytes.
  public static func parse(bytes: [UInt8]) -> ESQLParseResult {
    var state = ESQLParserState(bytes: bytes)
    let commands = state.parseQuery()
    var diagnostics = state.diagnostics
    guard !diagnostics.hasErrors else { return ESQLParseResult(query: nil, diagnostics: diagnostics) }
    let query = ESQLQuery(text: String(decoding: bytes, as: UTF8.self), commands: commands)
    // Checker findings in source order; ties keep the order they were found in.
    diagnostics = (diagnostics + ESQLChecker.check(query)).enumerated()
      .sorted { ($0.element.range?.lowerBound ?? 0, $0.offset) < ($1.element.range?.lowerBound ?? 0, $1.offset) }
      .map(\.element)
    return ESQLParseResult(query: diagnostics.hasErrors ? nil : query, diagnostics: diagnostics)
  }

  /// Parses one expression on its own (as after `WHERE`), for tests and tools; checking is not applied.
  public static func parseExpression(_ text: String) -> (expression: ESQLExpression?, diagnostics: [Diagnostic]) {
    var state = ESQLParserState(bytes: Array(text.utf8))
    do throws(ESQLParserState.SyntaxError) {
      let expression = try state.parseBoolean()
      let next = state.peek()
      if next.kind != .end {
        throw ESQLParserState.SyntaxError(
          message: "expected end of expression, found \(state.describe(next))", range: next.range)
      }
      return (expression, [])
    } catch {
      return (nil, [.error("esql.syntax", error.message, at: error.range)])
    }
  }
}
