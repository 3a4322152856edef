extension KQLParser {
  /// `OrQuery = AndQuery (Or AndQuery)*`. `context` names what came just before, for error messages.
  mutating func orQuery(after context: String?) throws(KQLSyntaxError) -> KQLNode {
    var items = [try andQuery(after: context)]
    while let keyword = scanner.binaryKeyword("or", at: offset) {
      offset = keyword.end
      items.append(try andQuery(after: "'\(scanner.text(keyword.keyword))'"))
    }
    return items.count == 1 ? items[0] : KQLNode(.or(items), range: Self.span(items.map(\.range)))
  }

  /// `AndQuery = NotQuery (And NotQuery)*`.
  mutating func andQuery(after context: String?) throws(KQLSyntaxError) -> KQLNode {
    var items = [try notQuery(after: context)]
    while let keyword = scanner.binaryKeyword("and", at: offset) {
      offset = keyword.end
      items.append(try notQuery(after: "'\(scanner.text(keyword.keyword))'"))
    }
    return items.count == 1 ? items[0] : KQLNode(.and(items), range: Self.span(items.map(\.range)))
  }

  /// `NotQuery = Not SubQuery / SubQuery`: `not` applies to one operand and cannot be repeated (`not not a`).
  mutating func notQuery(after context: String?) throws(KQLSyntaxError) -> KQLNode {
    guard let keyword = scanner.notKeyword(at: offset) else { return try subQuery(after: context) }
    offset = keyword.end
    let operand = try subQuery(after: "'\(scanner.text(keyword.keyword))'")
    return KQLNode(.not(operand), range: keyword.keyword.lowerBound..<operand.range.upperBound)
  }

  /// `SubQuery = '(' OrQuery ')' / NestedQuery`. A parenthesised query keeps no node of its own; its range grows
  /// to cover the parentheses.
  mutating func subQuery(after context: String?) throws(KQLSyntaxError) -> KQLNode {
    guard scanner.byte(at: offset) == UInt8(ascii: "(") else { return try expression(after: context) }
    let open = offset
    try enterGroup(at: open)
    defer { depth -= 1 }
    offset = scanner.skippingSpaces(from: offset + 1)
    if scanner.byte(at: offset) == UInt8(ascii: ")") {
      throw KQLSyntaxError(
        id: KQLDiagnosticID.expected, message: "empty parentheses: expected a query inside '( )'",
        range: offset..<offset + 1)
    }
    var inner = try orQuery(after: "'('")
    try close(")", opening: open, expecting: "'and', 'or' or ')'")
    inner.range = open..<offset
    return inner
  }

  /// `NestedQuery / FieldRangeExpression / FieldValueExpression / ValueExpression`: all start with a literal, the
  /// field name, except free text, where the literal is the value.
  mutating func expression(after context: String?) throws(KQLSyntaxError) -> KQLNode {
    guard let first = try literal() else { throw expected(context.map { "a query after \($0)" } ?? "a query") }
    let start = first.range.lowerBound
    let afterLiteral = offset
    offset = scanner.skippingSpaces(from: offset)
    if scanner.byte(at: offset) == UInt8(ascii: ":") {
      offset = scanner.skippingSpaces(from: offset + 1)
      if scanner.byte(at: offset) == UInt8(ascii: "{") {
        let open = offset
        try enterGroup(at: open)
        defer { depth -= 1 }
        offset = scanner.skippingSpaces(from: offset + 1)
        let query = try orQuery(after: "'{'")
        try close("}", opening: open, expecting: "'and', 'or' or '}'")
        return KQLNode(.nested(field: first, query: query), range: start..<offset)
      }
      let value = try valueList(after: "':'")
      return KQLNode(.match(field: first, value: value), range: start..<value.range.upperBound)
    }
    if let op = rangeOperator() {
      offset = scanner.skippingSpaces(from: offset)
      guard let value = try literal() else { throw expected("a value after '\(op.rawValue)'") }
      return KQLNode(.range(field: first, op: op, value: value), range: start..<value.range.upperBound)
    }
    offset = afterLiteral
    let value = KQLValueExpression(.value(first), range: first.range)
    return KQLNode(.match(field: nil, value: value), range: first.range)
  }

  /// `RangeOperator = '<=' / '>=' / '<' / '>'`, consumed when present.
  mutating func rangeOperator() -> KQLRangeOperator? {
    let op: KQLRangeOperator
    switch (scanner.byte(at: offset), scanner.byte(at: offset + 1)) {
    case (UInt8(ascii: "<"), UInt8(ascii: "=")): op = .lessThanOrEqual
    case (UInt8(ascii: ">"), UInt8(ascii: "=")): op = .greaterThanOrEqual
    case (UInt8(ascii: "<"), _): op = .lessThan
    case (UInt8(ascii: ">"), _): op = .greaterThan
    default: return nil
    }
    offset += op.rawValue.utf8.count
    return op
  }

  /// Skips spaces and consumes the closing `)` or `}` of a group opened at `opening`.
  mutating func close(_ closing: Character, opening: Int, expecting: String) throws(KQLSyntaxError) {
    offset = scanner.skippingSpaces(from: offset)
    if scanner.byte(at: offset) == closing.asciiValue {
      offset += 1
      return
    }
    if offset == scanner.count {
      let opener = closing == ")" ? "(" : "{"
      let what = closing == ")" ? "parenthesis" : "brace"
      throw KQLSyntaxError(
        id: KQLDiagnosticID.unbalanced, message: "unbalanced \(what): '\(opener)' is never closed",
        range: opening..<opening + 1, notes: ["expected '\(closing)' at the end of the query"])
    }
    throw unexpected(expecting: expecting)
  }

  static func span(_ ranges: [Range<Int>]) -> Range<Int> {
    ranges[0].lowerBound..<ranges[ranges.count - 1].upperBound
  }
}
