import VigilEvents
import VigilKQL
import VigilQuery
import VigilRules

/// What a `threat_match` rule needs besides its own query: which indicator documents it uses (its threat query,
/// threat filters and exceptions, over its `threat_index` patterns) and the indicators loaded so far.
public struct ThreatIntel: Sendable {
  let selection: PredicateProgram
  let indexPatterns: IndexPatterns
  public internal(set) var indicators: IndicatorIndex
  /// The event fields of each mapping entry.
  let eventFields: [[FieldID]]

  static func compile(
    _ rule: DetectionRule, exceptions: [ExceptionItem], now: Int64, fields: inout FieldResolver
  ) -> Result<ThreatIntel, CompiledRuleSet.CompileFailure> {
    guard let options = rule.threatMatch else { return .failure(.init(message: "threat_match settings are missing")) }
    var parts: [Predicate] = []
    if let query = options.query {
      guard options.language ?? .kuery == .kuery, let parsed = KQLParser.parse(query).query else {
        return .failure(.init(message: "threat query has errors"))
      }
      let lowered = KQLLowering.lower(parsed, fields: &fields, now: now)
      if lowered.diagnostics.hasErrors { return .failure(.init(message: "threat query has errors")) }
      parts.append(lowered.predicate)
    }
    let filters = KibanaFilterLowering.lower(options.filters, fields: &fields)
    if filters.diagnostics.hasErrors { return .failure(.init(message: "threat filters have errors")) }
    parts.append(filters.predicate)
    // Kibana applies the rule's exceptions to indicators too.
    parts.append(.not(ExceptionLowering.lower(exceptions, now: now, fields: &fields).predicate))
    let eventFields = options.mapping.map { group in group.map { fields.bind($0.field).id } }
    return .success(ThreatIntel(
      selection: PredicateProgram(.and(parts)), indexPatterns: IndexPatterns(options.index),
      indicators: IndicatorIndex(mapping: options.mapping, fields: &fields), eventFields: eventFields))
  }

  /// Adds an indicator document when the rule selects it.
  mutating func consider(_ event: Event, index: String?) {
    guard indexPatterns.matches(index), selection.evaluate(event) else { return }
    indicators.add(event, index: index)
  }
}
