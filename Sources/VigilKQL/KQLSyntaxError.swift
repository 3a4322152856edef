import VigilSyntax

/// The first syntax error of a query, thrown inside the parser and returned as a ``Diagnostic``.
struct KQLSyntaxError: Error, Sendable {
  var id: String
  var message: String
  var range: Range<Int>
  var notes: [String] = []

  var diagnostic: Diagnostic {
    Diagnostic(id: id, severity: .error, message: message, range: range, notes: notes)
  }
}
