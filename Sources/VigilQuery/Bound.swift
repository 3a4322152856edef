/// One end of a range: a value and whether the range includes it.
public struct Bound<Limit: Hashable & Sendable>: Hashable, Sendable {
  public var value: Limit
  public var isInclusive: Bool

  public init(_ value: Limit, inclusive: Bool) {
    self.value = value
    self.isInclusive = inclusive
  }
}

/// A range with optional ends, over any comparable limit (numbers, nanosecond times, byte strings).
public struct Interval<Limit: Comparable & Hashable & Sendable>: Hashable, Sendable {
  public var lower: Bound<Limit>?
  public var upper: Bound<Limit>?

  public init(lower: Bound<Limit>? = nil, upper: Bound<Limit>? = nil) {
    self.lower = lower
    self.upper = upper
  }

  /// The range holding exactly `value`.
  public static func exactly(_ value: Limit) -> Interval {
    Interval(lower: Bound(value, inclusive: true), upper: Bound(value, inclusive: true))
  }

  @inlinable
  public func contains(_ value: Limit) -> Bool {
    if let lower {
      if lower.isInclusive ? value < lower.value : value <= lower.value { return false }
    }
    if let upper {
      if upper.isInclusive ? value > upper.value : value >= upper.value { return false }
    }
    return true
  }
}
