extension KQLNode {
  /// The same tree with every byte range and raw spelling cleared, to compare trees by meaning alone (for example
  /// a query and its reprinted form).
  public func erasingSourceInfo() -> KQLNode {
    let kind: Kind =
      switch kind {
      case .matchAll: .matchAll
      case .or(let items): .or(items.map { $0.erasingSourceInfo() })
      case .and(let items): .and(items.map { $0.erasingSourceInfo() })
      case .not(let item): .not(item.erasingSourceInfo())
      case .match(let field, let value): .match(field: field?.erasingSourceInfo(), value: value.erasingSourceInfo())
      case .range(let field, let op, let value):
        .range(field: field.erasingSourceInfo(), op: op, value: value.erasingSourceInfo())
      case .nested(let field, let query): .nested(field: field.erasingSourceInfo(), query: query.erasingSourceInfo())
      }
    return KQLNode(kind, range: 0..<0)
  }
}

extension KQLValueExpression {
  /// The same expression with byte ranges and raw spellings cleared.
  public func erasingSourceInfo() -> KQLValueExpression {
    let kind: Kind =
      switch kind {
      case .value(let literal): .value(literal.erasingSourceInfo())
      case .or(let items): .or(items.map { $0.erasingSourceInfo() })
      case .and(let items): .and(items.map { $0.erasingSourceInfo() })
      case .not(let item): .not(item.erasingSourceInfo())
      }
    return KQLValueExpression(kind, range: 0..<0)
  }
}

extension KQLLiteral {
  /// The same literal with its byte range and raw spelling cleared.
  public func erasingSourceInfo() -> KQLLiteral {
    KQLLiteral(parts: parts, isQuoted: isQuoted, raw: "", range: 0..<0)
  }
}
