extension EQLField {
  func withoutRanges() -> EQLField { EQLField(segments: segments, isOptional: isOptional, range: 0..<0) }
}
