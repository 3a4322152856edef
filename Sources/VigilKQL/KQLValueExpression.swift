/// What follows `field:` — one value, or a value list such as `(a or b and not c)`.
///
/// Value lists have the same operators and precedence as queries (`not` > `and` > `or`); each value is compared
/// with the field of the enclosing ``KQLNode/Kind/match(field:value:)``. Kibana keeps no trace of parentheses
/// around a single value, so neither does Vigil: `f:(a)` and `f:a` have the same tree.
public struct KQLValueExpression: Hashable, Sendable {
  /// What a value expression is.
  public indirect enum Kind: Hashable, Sendable {
    /// One value compared with the field.
    case value(KQLLiteral)
    /// Two or more alternatives, in source order.
    case or([KQLValueExpression])
    /// Two or more conjuncts, in source order.
    case and([KQLValueExpression])
    /// The field does not match the operand.
    case not(KQLValueExpression)
  }

  public var kind: Kind
  /// Byte range in the query text.
  public var range: Range<Int>

  /// An expression of the given kind covering `range` of the query text.
  public init(_ kind: Kind, range: Range<Int>) {
    self.kind = kind
    self.range = range
  }

  /// Every literal value, left to right.
  public var values: [KQLLiteral] {
    switch kind {
    case .value(let literal): [literal]
    case .or(let items), .and(let items): items.flatMap(\.values)
    case .not(let item): item.values
    }
  }
}
