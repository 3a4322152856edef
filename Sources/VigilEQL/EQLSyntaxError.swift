import VigilSyntax

/// Thrown inside the lexer and parser to stop at the first syntax error, as Elasticsearch does.
struct EQLSyntaxError: Error {
  var diagnostic: Diagnostic

  init(_ id: String, _ message: String, at range: Range<Int>, notes: [String] = []) {
    diagnostic = Diagnostic(id: id, severity: .error, message: message, range: range, notes: notes)
  }
}
