import VigilEvents

extension CompiledRuleSet {
  /// The fields rule `position`'s executor reads from an event on its turn, after the rule matched: its time field,
  /// new terms and threshold fields, sequence join keys, threat-match fields. Predicates, ES|QL (run as events are
  /// read) and alerts (built from the document's text) read none. The reorder buffer holds these values of the rules
  /// an event matched beside its text (``Event/HeldFields``), so that the text need not be decoded again.
  public func fieldsReadOnTurn(ofRule position: Int) -> [FieldID] {
    let compiled = rules[position]
    var fields: Set<FieldID> = []
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
    case .sample(let steps, _, _):
      for step in steps { fields.formUnion(step.keys.map(\.id)) }
    case .threatMatch:
      for group in threatIntel[position]?.eventFields ?? [] { fields.formUnion(group) }
    case .eachEvent, .esqlRows, .esqlWindows:
      break
    }
    return fields.sorted()
  }
}
