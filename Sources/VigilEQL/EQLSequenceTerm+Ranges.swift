extension EQLSequenceTerm {
  func withoutRanges() -> EQLSequenceTerm {
    EQLSequenceTerm(
      filter: filter.withoutRanges(), keys: keys.map { $0.withoutRanges() }, runs: runs,
      runsRange: runsRange.map { _ in 0..<0 }, isMissing: isMissing, range: 0..<0)
  }
}
