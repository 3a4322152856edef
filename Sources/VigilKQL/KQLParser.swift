import VigilSyntax

/// Parses KQL (Kibana Query Language) exactly as Kibana's grammar does, from UTF-8 bytes.
///
/// ```swift
/// let result = KQLParser.parse(#"process.name:("cmd.exe" or pwsh*) and not user.name:SYSTEM"#)
/// if let query = result.query { print(KQLPrinter.canonical(query.root)) }
/// ```
///
/// What parses and what does not follows Kibana (`kbn-es-query`'s `grammar.peggy`), quirks included: unquoted
/// values run over spaces up to the next `and`/`or` between spaces, `not` followed by a space ends a value even
/// inside a word, and `field: not value` is an error. Parsing stops at the first error, reported with the byte
/// range of the offending token.
public struct KQLParser: Sendable {
  let scanner: KQLScanner
  var offset = 0
  /// Open parentheses and braces around the offset.
  var depth = 0

  /// How deeply groups, value lists and nested queries may nest; deeper input is an error, not a stack overflow.
  public static let maximumNesting = 256

  init(bytes: [UInt8]) {
    self.scanner = KQLScanner(bytes)
  }

  /// Parses a query typed or read from a rule.
  public static func parse(_ text: String) -> KQLParseResult {
    parse(bytes: Array(text.utf8))
  }

  /// Parses a query given as UTF-8 bytes; ranges in the result are offsets into `bytes`.
  public static func parse(bytes: [UInt8]) -> KQLParseResult {
    var parser = KQLParser(bytes: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    do {
      let root = try parser.parseQuery()
      return KQLParseResult(query: KQLQuery(text: text, root: root), diagnostics: [])
    } catch {
      return KQLParseResult(query: nil, diagnostics: [error.diagnostic])
    }
  }

  /// `start = Space* OrQuery? Space*`, then the end of the text.
  mutating func parseQuery() throws(KQLSyntaxError) -> KQLNode {
    offset = scanner.skippingSpaces(from: 0)
    if offset == scanner.count { return KQLNode(.matchAll, range: 0..<scanner.count) }
    let root = try orQuery(after: nil)
    offset = scanner.skippingSpaces(from: offset)
    if offset < scanner.count { throw unexpected(expecting: "'and', 'or' or the end of the query") }
    return root
  }

  /// Enters a group opened at `open`, refusing to nest deeper than ``maximumNesting``.
  mutating func enterGroup(at open: Int) throws(KQLSyntaxError) {
    depth += 1
    guard depth <= Self.maximumNesting else {
      throw KQLSyntaxError(
        id: KQLDiagnosticID.tooDeep, message: "the query nests more than \(Self.maximumNesting) groups deep",
        range: open..<open + 1)
    }
  }
}
