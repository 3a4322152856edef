extension EQLEventFilter {
  func withoutRanges() -> EQLEventFilter {
    EQLEventFilter(category: category, categoryRange: 0..<0, condition: condition.withoutRanges(), range: 0..<0)
  }
}
