/// A node of a parsed KQL query.
///
/// The tree has Kibana's shape: `and`/`or` keep the operands as grouped in the text (`a and (b and c)` stays
/// nested), `not` binds tighter than `and`, which binds tighter than `or`. Every node carries its byte range in the
/// query text so that later passes can point at it.
public struct KQLNode: Hashable, Sendable {
  /// What a node is; operands are nodes in turn.
  public indirect enum Kind: Hashable, Sendable {
    /// The empty query, which Kibana reads as "every document".
    case matchAll
    /// Two or more alternatives, in source order.
    case or([KQLNode])
    /// Two or more conjuncts, in source order.
    case and([KQLNode])
    /// Negation of one operand (an atom or a parenthesised group).
    case not(KQLNode)
    /// `field:value`, `field:(value list)`, or free text (`field == nil`: the value is looked for in every field).
    ///
    /// Kibana's readings, for lowering: a lone unquoted `*` value means "the field exists"; the field `*` means any
    /// field, so `*:*` (like free text `*`) matches every document; an unquoted field named `null` is no field at all
    /// (``KQLLiteral/isNoField``), so `null:x` is free text.
    case match(field: KQLLiteral?, value: KQLValueExpression)
    /// `field < value`, `field <= value`, `field > value`, `field >= value`.
    case range(field: KQLLiteral, op: KQLRangeOperator, value: KQLLiteral)
    /// `field:{ query }`: `query` must hold within one object of the nested field; its field names are relative.
    case nested(field: KQLLiteral, query: KQLNode)
  }

  public var kind: Kind
  /// Byte range in the query text.
  public var range: Range<Int>

  /// A node of the given kind covering `range` of the query text.
  public init(_ kind: Kind, range: Range<Int>) {
    self.kind = kind
    self.range = range
  }

  /// The direct children (operands of `and`/`or`/`not`, the query of a nested node).
  public var children: [KQLNode] {
    switch kind {
    case .matchAll, .match, .range: []
    case .or(let items), .and(let items): items
    case .not(let item): [item]
    case .nested(_, let query): [query]
    }
  }
}
