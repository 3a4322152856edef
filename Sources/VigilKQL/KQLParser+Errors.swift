extension KQLParser {
  /// The error for a missing query, field or value at the current offset (`what` is e.g. "a value after ':'").
  func expected(_ what: String) -> KQLSyntaxError {
    if let escape = invalidEscape() { return escape }
    let token = tokenRange(at: offset)
    var notes: [String] = []
    if scanner.notKeyword(at: offset) != nil {
      notes.append(
        "Kibana accepts 'not' only before a query ('not field:value') or inside a value list ('field:(not value)'), "
          + "and only once")
    }
    let found = scanner.byte(at: offset)
    if what.hasPrefix("a query"), let found, found == UInt8(ascii: ":") || found == UInt8(ascii: "<")
      || found == UInt8(ascii: ">")
    {
      return KQLSyntaxError(
        id: KQLDiagnosticID.expected, message: "expected a field name before '\(scanner.text(token))'", range: token)
    }
    if what == "a query", found == UInt8(ascii: ")") {
      return KQLSyntaxError(
        id: KQLDiagnosticID.unbalanced, message: "unbalanced parenthesis: unexpected ')'", range: token)
    }
    return KQLSyntaxError(
      id: KQLDiagnosticID.expected, message: "expected \(what), found \(describe(token))", range: token, notes: notes)
  }

  /// The error for a token that cannot follow a complete query or value (`expecting` lists what could).
  func unexpected(expecting: String) -> KQLSyntaxError {
    if let escape = invalidEscape() { return escape }
    let token = tokenRange(at: offset)
    switch scanner.byte(at: offset) {
    case UInt8(ascii: ")"):
      return KQLSyntaxError(
        id: KQLDiagnosticID.unbalanced, message: "unbalanced parenthesis: unexpected ')'", range: token,
        notes: ["expected \(expecting)"])
    case UInt8(ascii: "}"):
      return KQLSyntaxError(
        id: KQLDiagnosticID.unbalanced, message: "unbalanced brace: unexpected '}'", range: token,
        notes: ["expected \(expecting)"])
    case UInt8(ascii: ":"):
      return KQLSyntaxError(
        id: KQLDiagnosticID.unexpected, message: "unexpected ':'; expected \(expecting)", range: token,
        notes: ["an unquoted value runs over spaces up to 'and' or 'or': is 'and' or 'or' missing before this field?"])
    default:
      var notes: [String] = []
      if scanner.notKeyword(at: offset) != nil {
        notes.append("'not' followed by a space ends an unquoted value, even inside a word: quote the value")
      }
      return KQLSyntaxError(
        id: KQLDiagnosticID.unexpected, message: "unexpected \(describe(token)); expected \(expecting)",
        range: token, notes: notes)
    }
  }

  /// A backslash at the offset that starts no valid escape, as an error.
  func invalidEscape() -> KQLSyntaxError? {
    guard scanner.byte(at: offset) == UInt8(ascii: "\\") else { return nil }
    let end = offset + 1 < scanner.count ? offset + 1 + scanner.scalar(at: offset + 1).length : offset + 1
    let sequence = scanner.text(offset..<end)
    let message =
      end == offset + 1
      ? "invalid escape: '\\' at the end of the query" : "invalid escape '\(sequence)' in an unquoted value"
    return KQLSyntaxError(
      id: KQLDiagnosticID.invalidEscape, message: message, range: offset..<end,
      notes: [
        #"unquoted values may escape \ ( ) : < > " * { }, the words and/or/not, and \t \r \n \uXXXX; "#
          + "to match a backslash write '\\\\' or quote the value"
      ])
  }

  /// The range of the token at `offset`: the word `not`, one scalar, or an empty range at the end.
  func tokenRange(at offset: Int) -> Range<Int> {
    guard offset < scanner.count else { return offset..<offset }
    if scanner.notKeyword(at: offset) != nil { return offset..<offset + 3 }
    return offset..<offset + scanner.scalar(at: offset).length
  }

  func describe(_ token: Range<Int>) -> String {
    token.isEmpty ? "the end of the query" : "'\(scanner.text(token))'"
  }
}
