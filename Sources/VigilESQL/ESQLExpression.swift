/// An ES|QL expression: a node kind and the byte range it was parsed from.
///
/// Equality and hashing ignore ranges (see ``ESQLSourceRange``). Function names are stored upper-cased; field
/// names are stored joined with dots and without backquotes (`` `a.b` `` and `a.b` are the same field, as in
/// Elasticsearch).
public struct ESQLExpression: Hashable, Sendable {
  /// What the node is.
  public indirect enum Kind: Hashable, Sendable {
    case literal(ESQLLiteral)
    /// A column reference, e.g. `process.name` or `` `@timestamp` ``.
    case field(String)
    /// A function call; `name` is upper-cased. A trailing `{…}` options map goes to `options`.
    case call(name: String, arguments: [ESQLExpression], options: [ESQLMapEntry]?)
    /// The `*` of `COUNT(*)`; only valid as the sole argument of `COUNT`.
    case star
    /// Unary minus (`negated: true`) or plus.
    case unary(negated: Bool, ESQLExpression)
    case binary(ESQLBinaryOperator, ESQLExpression, ESQLExpression)
    case not(ESQLExpression)
    /// `value::type`; `type` is lower-cased (`long`, `double`, `string`, …).
    case cast(ESQLExpression, type: String)
    /// `value [NOT] LIKE pattern`, `value [NOT] RLIKE pattern` and their list forms `LIKE ("a*", "b*")`.
    case like(ESQLExpression, patterns: [String], regex: Bool, negated: Bool, list: Bool)
    /// `value [NOT] IN (a, b, …)`.
    case isIn(ESQLExpression, [ESQLExpression], negated: Bool)
    /// `value IS [NOT] NULL`.
    case isNull(ESQLExpression, negated: Bool)
    /// The full-text match operator `field : "query"` (the field may carry a cast).
    case match(ESQLExpression, ESQLLiteral)
  }

  public var kind: Kind
  @ESQLSourceRange public var range: Range<Int>

  public init(_ kind: Kind, range: Range<Int>) {
    self.kind = kind
    self.range = range
  }
}
