import VigilSyntax

/// Finds valid KQL that probably does not mean what its author meant, as warnings.
///
/// The checker never rejects a query Kibana accepts. It warns about: range values that are neither numbers nor
/// dates (compared as strings) or that hold a `*` (not a wildcard there); unquoted values ending in `and`/`or`/`not`
/// (Kibana folds a trailing keyword into the value); `?` in unquoted values (not a wildcard in KQL); quoted `\t`
/// `\r` `\n` `\uXXXX` escapes that turn Windows paths into control characters; field names with whitespace (usually
/// a missing `and`); and free text, which searches every field.
public enum KQLChecker {
  /// Warnings for a parsed query, in source order; ranges index the query text.
  public static func check(_ query: KQLQuery) -> [Diagnostic] {
    check(query.root)
  }

  /// Warnings for a tree, in source order.
  public static func check(_ node: KQLNode) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    visit(node, into: &diagnostics)
    return diagnostics.sorted { ($0.range?.lowerBound ?? 0) < ($1.range?.lowerBound ?? 0) }
  }

  static func visit(_ node: KQLNode, into diagnostics: inout [Diagnostic]) {
    switch node.kind {
    case .matchAll:
      break
    case .or(let items), .and(let items):
      for item in items { visit(item, into: &diagnostics) }
    case .not(let item):
      visit(item, into: &diagnostics)
    case .match(let field?, let value) where field.isNoField:
      diagnostics.append(
        .warning(
          KQLDiagnosticID.freeText,
          "unquoted field name 'null' means no field: the value is searched for in every field; quote it for a field "
            + "named null", at: field.range))
      for literal in value.values { checkValue(literal, into: &diagnostics) }
    case .match(let field?, let value):
      checkField(field, into: &diagnostics)
      for literal in value.values { checkValue(literal, into: &diagnostics) }
    case .match(nil, let value):
      for literal in value.values {
        let meaning = literal.isLoneWildcard ? "matches every document" : "is searched for in every field"
        diagnostics.append(
          .warning(KQLDiagnosticID.freeText, "free text \(literal.raw) has no field: it \(meaning)", at: literal.range))
        checkValue(literal, into: &diagnostics)
      }
    case .range(let field, let op, let value):
      checkField(field, into: &diagnostics)
      checkValue(value, into: &diagnostics)
      checkRangeValue(value, op: op, into: &diagnostics)
    case .nested(let field, let query):
      checkField(field, into: &diagnostics)
      visit(query, into: &diagnostics)
    }
  }

  static func checkField(_ field: KQLLiteral, into diagnostics: inout [Diagnostic]) {
    checkQuotedEscapes(field, into: &diagnostics)
    checkTrailingKeyword(field, into: &diagnostics)
    if !field.isQuoted, containsWhitespace(field.text) {
      diagnostics.append(
        .warning(
          KQLDiagnosticID.fieldWhitespace,
          "field name '\(field.text)' contains whitespace: is 'and' or 'or' missing before it?", at: field.range))
    }
  }

  static func checkValue(_ value: KQLLiteral, into diagnostics: inout [Diagnostic]) {
    checkQuotedEscapes(value, into: &diagnostics)
    checkTrailingKeyword(value, into: &diagnostics)
    if !value.isQuoted, value.text.utf8.contains(UInt8(ascii: "?")) {
      // Kibana sends a value with `*` as an Elasticsearch wildcard query, where `?` matches one character; in a
      // value without `*` (a term query) it is a literal question mark.
      let message =
        value.hasWildcard
        ? "'?' in \(value.raw) matches any one character: Kibana sends values with '*' as Elasticsearch wildcard "
          + "queries, where '?' is a wildcard too"
        : "'?' in \(value.raw) matches a literal '?': without a '*' the value is compared exactly"
      diagnostics.append(.warning(KQLDiagnosticID.questionMark, message, at: value.range))
    }
  }

  // ASCII text is searched for whitespace (tab to carriage return, and space) by its bytes: looking Unicode's
  // `White_Space` up for every character of every field and value was a visible part of loading a rule pack.

  static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

  static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

  static func containsWhitespace(_ text: String) -> Bool {
    isASCII(text)
      ? text.utf8.contains(where: isASCIIWhitespace) : text.unicodeScalars.contains { $0.properties.isWhitespace }
  }

  /// Kibana reads `a:b or` (no space after `or`) as the value `b or`.
  static func checkTrailingKeyword(_ literal: KQLLiteral, into diagnostics: inout [Diagnostic]) {
    guard !literal.isQuoted, case .text(let text)? = literal.parts.last,
      let space = isASCII(text) ? text.utf8.lastIndex(where: isASCIIWhitespace) : text.lastIndex(where: \.isWhitespace)
    else { return }
    let last = text[text.index(after: space)...]
    guard ["and", "or", "not"].contains(last.lowercased()) else { return }
    diagnostics.append(
      .warning(
        KQLDiagnosticID.trailingKeyword,
        "'\(literal.text)' ends with '\(last)', which is read as part of the value, not as an operator",
        at: literal.range))
  }

  /// Quoted `\t` `\r` `\n` and `\uXXXX` control characters, often Windows paths written with single backslashes.
  static func checkQuotedEscapes(_ literal: KQLLiteral, into diagnostics: inout [Diagnostic]) {
    guard literal.isQuoted else { return }
    let raw = Array(literal.raw.utf8)
    var index = 1
    while index + 1 < raw.count {
      guard raw[index] == UInt8(ascii: "\\") else {
        index += 1
        continue
      }
      let next = raw[index + 1]
      var length = 2
      var warning: String?
      switch next {
      case UInt8(ascii: "\\"), UInt8(ascii: "\""):
        break
      case UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "n"):
        let name = next == UInt8(ascii: "t") ? "a tab" : next == UInt8(ascii: "r") ? "a carriage return" : "a newline"
        let letter = Character(Unicode.Scalar(next))
        warning =
          "'\\\(letter)' in a quoted value is \(name); to match a backslash and '\(letter)' write '\\\\\(letter)'"
      case UInt8(ascii: "u"):
        let digits = raw.count >= index + 6 ? String(decoding: raw[(index + 2)..<(index + 6)], as: UTF8.self) : ""
        if digits.count == 4, let unit = UInt16(digits, radix: 16) {
          length = 6
          if unit < 0x20 || unit == 0x7F {
            warning =
              "'\\u\(digits)' in a quoted value is a control character; to match a backslash and 'u' write '\\\\u'"
          }
        }
      default:
        break
      }
      if let warning {
        let start = literal.range.lowerBound + index
        diagnostics.append(.warning(KQLDiagnosticID.controlEscape, warning, at: start..<start + length))
      }
      index += length
    }
  }

  static func checkRangeValue(_ value: KQLLiteral, op: KQLRangeOperator, into diagnostics: inout [Diagnostic]) {
    if !value.isQuoted, value.hasWildcard {
      diagnostics.append(
        .warning(
          KQLDiagnosticID.rangeValue, "'*' is not a wildcard in a range: '\(op.rawValue) \(value.raw)' compares text",
          at: value.range))
      return
    }
    let text = value.text
    guard !isNumber(text), !isDateLike(text), !isAddressLike(text) else { return }
    diagnostics.append(
      .warning(
        KQLDiagnosticID.rangeValue,
        "range value \(value.raw) is neither a number nor a date: '\(op.rawValue)' will compare text",
        at: value.range))
  }

  /// `-12`, `3.5`, `1e6`: what Elasticsearch reads as a number.
  static func isNumber(_ text: String) -> Bool {
    Double(text) != nil && text.unicodeScalars.allSatisfy { "0123456789+-.eE".unicodeScalars.contains($0) }
  }

  /// ISO 8601 dates (`2024-01-31`, `2024-01-31T10:00:00Z`) and date math (`now-1d/d`).
  static func isDateLike(_ text: String) -> Bool {
    let lower = text.lowercased()
    if lower.hasPrefix("now") { return true }
    let scalars = Array(lower.unicodeScalars)
    guard scalars.count >= 7 else { return false }
    let digits = scalars[0..<4].allSatisfy { $0.properties.numericType == .decimal }
    return digits && scalars[4] == "-" && scalars[5].properties.numericType == .decimal
  }

  /// IPv4 or IPv6 addresses, which compare by value on `ip` fields.
  static func isAddressLike(_ text: String) -> Bool {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    if parts.count == 4, parts.allSatisfy({ UInt8($0) != nil }) { return true }
    return text.contains(":") && text.unicodeScalars.allSatisfy { $0 == ":" || $0.properties.isASCIIHexDigit }
  }
}
