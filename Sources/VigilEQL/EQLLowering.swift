import VigilEvents
import VigilQuery
import VigilSyntax

/// Lowers EQL event filters to the shared ``Predicate`` IR with Elasticsearch EQL's semantics (see `docs/eql.md`).
///
/// A condition Elasticsearch turns into a query (a field compared with constants, `:`/`like`/`regex`, `in`,
/// `startsWith`/`endsWith`/`stringContains`/`cidrMatch` on a field) becomes ``FieldTest``s, matched on any value of
/// the field, chosen by the field's type; `!=` and `not` are query negations, so they match events without the
/// field. Anything else (functions, arithmetic, field-to-field comparisons) becomes a ``ScalarExpression`` with
/// EQL's null rules, as Elasticsearch runs it as a script.
public struct EQLLowering {
  var fields: FieldResolver
  var diagnostics: [Diagnostic] = []
  let eventCategoryField: String

  /// Lowers a whole query: the filter of an event query, or every subquery of a sequence or sample, with its join
  /// keys bound in `fields`.
  public static func lower(
    _ query: EQLQuery, fields: inout FieldResolver, eventCategoryField: String = "event.category"
  ) -> EQLLoweredQuery {
    var lowering = EQLLowering(fields: fields, eventCategoryField: eventCategoryField)
    let body: EQLLoweredQuery.Body
    switch query.body {
    case .event(let filter):
      body = .event(lowering.lowerFilter(filter))
    case .sequence(let sequence):
      body = .sequence(lowering.lowerSequence(sequence))
    case .sample(let sample):
      body = .sample(lowering.lowerSample(sample))
    }
    fields = lowering.fields
    return EQLLoweredQuery(body: body, pipes: query.pipes, diagnostics: lowering.diagnostics)
  }

  /// Lowers one event filter (`category where condition`): the category test and the condition.
  public static func lower(
    _ filter: EQLEventFilter, fields: inout FieldResolver, eventCategoryField: String = "event.category"
  ) -> LoweringResult {
    var lowering = EQLLowering(fields: fields, eventCategoryField: eventCategoryField)
    let predicate = lowering.lowerFilter(filter)
    fields = lowering.fields
    return LoweringResult(predicate: predicate, diagnostics: lowering.diagnostics)
  }

  mutating func lowerFilter(_ filter: EQLEventFilter) -> Predicate {
    let condition = lowerCondition(filter.condition)
    guard let category = filter.category else { return condition }
    let field = fields.bind(eventCategoryField)
    return .and([test(field, .keywordIn(ByteStringSet([category]))), condition])
  }

  private mutating func lowerSequence(_ sequence: EQLSequence) -> EQLLoweredSequence {
    let shared = sequence.keys
    let steps = sequence.terms.map { lowerStep($0, shared: shared) }
    let until = sequence.until.map { lowerStep($0, shared: shared) }
    return EQLLoweredSequence(
      steps: steps, until: until, maxspanMilliseconds: sequence.maxspan?.milliseconds, keyCount: shared.count)
  }

  private mutating func lowerStep(_ term: EQLSequenceTerm, shared: [EQLField]) -> EQLLoweredStep {
    let keys = shared + term.keys
    return EQLLoweredStep(
      predicate: lowerFilter(term.filter), keys: keys.map { fields.bind($0.name) },
      keyIsOptional: keys.map(\.isOptional),
      runs: term.runs ?? 1, isMissing: term.isMissing)
  }

  private mutating func lowerSample(_ sample: EQLSample) -> [EQLLoweredStep] {
    sample.terms.map {
      let keys = sample.keys + $0.keys
      return EQLLoweredStep(
        predicate: lowerFilter($0.filter), keys: keys.map { fields.bind($0.name) },
        keyIsOptional: keys.map(\.isOptional),
        runs: 1, isMissing: false)
    }
  }

  /// A condition in a filter position: true, false, or (as Elasticsearch's query DSL has it) never unknown.
  mutating func lowerCondition(_ expression: EQLExpression) -> Predicate {
    switch expression {
    case .literal(.boolean(let value), _):
      return .constant(value)
    case .literal(.null, _):
      return .never
    case .not(let inner, _):
      return negated(lowerCondition(inner))
    case .logical(let op, let left, let right, _):
      let operands = [lowerCondition(left), lowerCondition(right)]
      return op == .and ? .and(operands) : .or(operands)
    case .comparison(let op, let left, let right, _):
      return lowerComparison(op, left, right, expression)
    case .membership(let value, let list, let caseInsensitive, let negated, _):
      let positive = lowerMembership(value, list, caseInsensitive: caseInsensitive, whole: expression)
      return negated ? self.negated(positive) : positive
    case .match(let op, let value, let patterns, _):
      return lowerMatch(op, value, patterns, whole: expression)
    case .call(let call):
      return lowerCall(call, whole: expression)
    case .field(let field):
      // A boolean field as a condition: its value is `true`.
      return test(fields.bind(field.name), .boolean(true))
    case .literal, .arithmetic, .negate:
      diagnostics.append(
        .error("eql.not-boolean", "a condition must be a boolean, not '\(expression)'", at: expression.range))
      return .never
    }
  }

  /// `not`: a query negation (`must_not`): events without the field match. Over a script too: Elasticsearch's
  /// multi-value rewrite (`Scripts.multiValueDocValuesRewrite`) moves the `not` outside the loop over values, so
  /// `not length(f) > 3` holds when no value of `f` passes, a missing `f` included.
  func negated(_ predicate: Predicate) -> Predicate {
    .not(predicate)
  }

  func test(_ field: FieldBinding, _ condition: FieldCondition) -> Predicate {
    .test(FieldTest(field: field.id, condition: condition))
  }
}
