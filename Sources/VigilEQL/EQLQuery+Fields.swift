extension EQLQuery {
  /// Every event filter: the single query, or each subquery of a sequence (`until` last) or sample.
  public var eventFilters: [EQLEventFilter] {
    switch body {
    case .event(let filter): [filter]
    case .sequence(let sequence): sequence.terms.map(\.filter) + (sequence.until.map { [$0.filter] } ?? [])
    case .sample(let sample): sample.terms.map(\.filter)
    }
  }

  /// Every field reference in source order, join keys included (sequence/sample `by` keys and per-subquery keys).
  public var fieldReferences: [EQLField] {
    var fields: [EQLField] = []
    switch body {
    case .event(let filter):
      filter.condition.collectFields(into: &fields)
    case .sequence(let sequence):
      fields += sequence.keys
      for term in sequence.terms + (sequence.until.map { [$0] } ?? []) {
        term.filter.condition.collectFields(into: &fields)
        fields += term.keys
      }
    case .sample(let sample):
      fields += sample.keys
      for term in sample.terms {
        term.filter.condition.collectFields(into: &fields)
        fields += term.keys
      }
    }
    return fields
  }

  /// The distinct field paths the query reads, sorted: what an event decoder must keep. The event category field
  /// (see ``filtersEventCategory``) and the timestamp are implicit and not listed.
  public var referencedFields: [String] { Array(Set(fieldReferences.map(\.name))).sorted() }

  /// Whether any filter names an event category (not `any`), so the event category field must be read.
  public var filtersEventCategory: Bool { eventFilters.contains { $0.category != nil } }
}
