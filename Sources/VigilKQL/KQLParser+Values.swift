extension KQLParser {
  /// `ListOfValues = '(' OrListOfValues ')' / Value`, after `context` (`':'`, `'not'`, …).
  mutating func valueList(after context: String) throws(KQLSyntaxError) -> KQLValueExpression {
    guard scanner.byte(at: offset) == UInt8(ascii: "(") else {
      guard let value = try literal() else { throw expected("a value after \(context)") }
      return KQLValueExpression(.value(value), range: value.range)
    }
    let open = offset
    try enterGroup(at: open)
    defer { depth -= 1 }
    offset = scanner.skippingSpaces(from: offset + 1)
    if scanner.byte(at: offset) == UInt8(ascii: ")") {
      throw KQLSyntaxError(
        id: KQLDiagnosticID.expected, message: "empty value list: expected a value inside '( )'",
        range: offset..<offset + 1)
    }
    var inner = try orValues(after: "'('")
    try close(")", opening: open, expecting: "'and', 'or' or ')'")
    inner.range = open..<offset
    return inner
  }

  /// `OrListOfValues = AndListOfValues (Or AndListOfValues)*`.
  mutating func orValues(after context: String) throws(KQLSyntaxError) -> KQLValueExpression {
    var items = [try andValues(after: context)]
    while let keyword = scanner.binaryKeyword("or", at: offset) {
      offset = keyword.end
      items.append(try andValues(after: "'\(scanner.text(keyword.keyword))'"))
    }
    return items.count == 1 ? items[0] : KQLValueExpression(.or(items), range: Self.span(items.map(\.range)))
  }

  /// `AndListOfValues = NotListOfValues (And NotListOfValues)*`.
  mutating func andValues(after context: String) throws(KQLSyntaxError) -> KQLValueExpression {
    var items = [try notValues(after: context)]
    while let keyword = scanner.binaryKeyword("and", at: offset) {
      offset = keyword.end
      items.append(try notValues(after: "'\(scanner.text(keyword.keyword))'"))
    }
    return items.count == 1 ? items[0] : KQLValueExpression(.and(items), range: Self.span(items.map(\.range)))
  }

  /// `NotListOfValues = Not ListOfValues / ListOfValues`.
  mutating func notValues(after context: String) throws(KQLSyntaxError) -> KQLValueExpression {
    guard let keyword = scanner.notKeyword(at: offset) else { return try valueList(after: context) }
    offset = keyword.end
    let operand = try valueList(after: "'\(scanner.text(keyword.keyword))'")
    return KQLValueExpression(.not(operand), range: keyword.keyword.lowerBound..<operand.range.upperBound)
  }
}
