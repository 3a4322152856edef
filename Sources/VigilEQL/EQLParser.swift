import VigilSyntax

/// Parses Elasticsearch EQL into an ``EQLQuery``.
///
/// ```swift
/// let result = EQLParser.parse(#"process where process.name : "cmd.exe""#)
/// if let query = result.validQuery { … } else { render(result.diagnostics) }
/// ```
///
/// Byte ranges in the AST and in diagnostics are offsets into the UTF-8 text; turn them into lines and columns
/// with ``VigilSyntax/SourceText``.
public enum EQLParser {
  /// Parses `text` and, unless `checking` is false, runs ``EQLChecker`` on the result.
  public static func parse(_ text: String, checking: Bool = true) -> EQLParseResult {
    parse(bytes: Array(text.utf8), checking: checking)
  }

  /// Parses UTF-8 bytes.
  public static func parse(bytes: [UInt8], checking: Bool = true) -> EQLParseResult {
    do throws(EQLSyntaxError) {
      let tokens = try EQLLexer.tokenize(bytes)
      var parser = EQLTokenParser(tokens: tokens)
      let query = try parser.parseStatement()
      return EQLParseResult(query: query, diagnostics: checking ? EQLChecker.check(query) : [])
    } catch {
      return EQLParseResult(query: nil, diagnostics: [error.diagnostic])
    }
  }
}
