/// A condition or value in an EQL query. Every node carries its byte range in the source.
///
/// Precedence follows Elasticsearch's grammar, loosest first: `or`, `and`, `not`, comparison (`==` …, not
/// chainable), `+ -`, `* / %`, unary `-`, then a primary with an optional `in` / `:` / `like` / `regex` suffix. The
/// suffix binds to the primary alone: `a + b : "x"` is `a + (b : "x")`.
public indirect enum EQLExpression: Hashable, Sendable {
  case literal(EQLLiteral, range: Range<Int>)
  case field(EQLField)
  case not(EQLExpression, range: Range<Int>)
  case logical(EQLLogicalOperator, EQLExpression, EQLExpression, range: Range<Int>)
  case comparison(EQLComparisonOperator, EQLExpression, EQLExpression, range: Range<Int>)
  case arithmetic(EQLArithmeticOperator, EQLExpression, EQLExpression, range: Range<Int>)
  /// Unary minus of a non-literal (`-x`); a minus sign before a number literal is folded into the literal.
  case negate(EQLExpression, range: Range<Int>)
  /// `value in (…)`, `in~`, `not in`, `not in~`.
  case membership(EQLExpression, [EQLExpression], caseInsensitive: Bool, negated: Bool, range: Range<Int>)
  /// `value : "x"`, `value like~ ("a*", "b*")`, `value regex "…"`.
  case match(EQLMatchOperator, EQLExpression, [EQLConstant], range: Range<Int>)
  case call(EQLFunctionCall)

  /// The bytes of the source this node was parsed from.
  public var range: Range<Int> {
    switch self {
    case .literal(_, let range), .not(_, let range), .logical(_, _, _, let range), .comparison(_, _, _, let range),
      .arithmetic(_, _, _, let range), .negate(_, let range), .membership(_, _, _, _, let range),
      .match(_, _, _, let range):
      range
    case .field(let field): field.range
    case .call(let call): call.range
    }
  }
}
