extension EQLQuery {
  /// The same query with every byte range set to `0..<0`: for comparing structure (print/parse round trips).
  public func withoutRanges() -> EQLQuery {
    let body: Body =
      switch self.body {
      case .event(let filter): .event(filter.withoutRanges())
      case .sequence(let sequence):
        .sequence(
          EQLSequence(
            keys: sequence.keys.map { $0.withoutRanges() },
            maxspan: sequence.maxspan.map { EQLTimeSpan(value: $0.value, unit: $0.unit, range: 0..<0) },
            terms: sequence.terms.map { $0.withoutRanges() }, until: sequence.until?.withoutRanges(), range: 0..<0))
      case .sample(let sample):
        .sample(
          EQLSample(
            keys: sample.keys.map { $0.withoutRanges() },
            terms: sample.terms.map {
              EQLSampleTerm(filter: $0.filter.withoutRanges(), keys: $0.keys.map { $0.withoutRanges() }, range: 0..<0)
            }, range: 0..<0))
      }
    return EQLQuery(
      body: body, pipes: pipes.map { EQLPipe(kind: $0.kind, count: $0.count, range: 0..<0) }, range: 0..<0)
  }
}
