import VigilEvents

extension CompiledRuleSet {
  /// The fields the rules' executors read from an event on its turn, after its rules matched: time fields, new terms
  /// and threshold fields, sequence join keys, threat-match fields. Predicates, ES|QL (run as events are read) and
  /// alerts (built from the document's text) read none. The reorder buffer decodes a held event again with these
  /// alone.
  public var fieldsReadOnTurn: Set<FieldID> {
    var fields: Set<FieldID> = []
    for (position, compiled) in rules.enumerated() {
      if let field = compiled.timestampOverride { fields.insert(field) }
      switch compiled.execution {
      case .newTerms(let terms, _):
        fields.formUnion(terms)
      case .threshold(let groups, _, let cardinality, _):
        fields.formUnion(groups)
        if let cardinality { fields.insert(cardinality.field) }
      case .sequence(let sequence, let timestampField):
        if let timestampField { fields.insert(timestampField) }
        for step in sequence.steps + (sequence.until.map { [$0] } ?? []) { fields.formUnion(step.keys.map(\.id)) }
      case .threatMatch:
        for group in threatIntel[position]?.eventFields ?? [] { fields.formUnion(group) }
      case .eachEvent, .esqlRows, .esqlWindows:
        break
      }
    }
    return fields
  }
}
