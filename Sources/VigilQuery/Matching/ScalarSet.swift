/// A set of Unicode scalar values as sorted, disjoint, non-adjacent closed ranges (a regex character class).
struct ScalarSet: Hashable, Sendable {
  static let maxScalar: UInt32 = 0x10FFFF

  private(set) var ranges: [ClosedRange<UInt32>]

  init() { ranges = [] }
  init(_ scalar: UInt32) { ranges = [scalar...scalar] }
  init(_ lo: UInt32, _ hi: UInt32) { ranges = [lo...hi] }
  static var all: ScalarSet { ScalarSet(0, maxScalar) }

  var isEmpty: Bool { ranges.isEmpty }

  /// Builds a set from any ranges, sorting and merging them.
  init<S: Sequence>(unsorted: S) where S.Element == ClosedRange<UInt32> {
    let sorted = unsorted.sorted { $0.lowerBound < $1.lowerBound }
    var out: [ClosedRange<UInt32>] = []
    for r in sorted {
      if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
        out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
      } else {
        out.append(r)
      }
    }
    ranges = out
  }

  func union(_ other: ScalarSet) -> ScalarSet { ScalarSet(unsorted: ranges + other.ranges) }

  /// All scalars not in this set.
  func inverted() -> ScalarSet {
    var out: [ClosedRange<UInt32>] = []
    var next: UInt32 = 0
    for r in ranges {
      if r.lowerBound > next { out.append(next...(r.lowerBound - 1)) }
      next = r.upperBound &+ 1
    }
    if next <= Self.maxScalar && !(ranges.last?.upperBound == Self.maxScalar) { out.append(next...Self.maxScalar) }
    var s = ScalarSet()
    s.ranges = out
    return s
  }

  /// This set plus the lower-case mapping of every member, so that it matches folded input the way the unfolded
  /// set matches unfolded input. Members that change when lower-cased never occur in folded input, so keeping them
  /// is harmless and keeps ranges whole.
  func closedUnderLowercase() -> ScalarSet {
    var extra: [ClosedRange<UInt32>] = []
    let table = LowercaseTable.shared
    for r in ranges {
      let lo = r.lowerBound
      let hi = r.upperBound
      if lo < 0x80 {
        let a = max(lo, 0x41)
        let z = min(hi, 0x5A)
        if a <= z { extra.append((a | 0x20)...(z | 0x20)) }
      }
      if hi >= 0x80 {
        var k = lowerIndex(table.keys, max(lo, 0x80))
        while k < table.keys.count && table.keys[k] <= hi {
          extra.append(table.values[k]...table.values[k])
          k += 1
        }
      }
    }
    return extra.isEmpty ? self : ScalarSet(unsorted: ranges + extra)
  }

  /// Lucene's ASCII_CASE_INSENSITIVE on a literal: the scalar and, for an ASCII letter, its other case.
  static func asciiCaseInsensitive(_ c: UInt32) -> ScalarSet {
    switch c {
    case 0x41...0x5A, 0x61...0x7A: ScalarSet(unsorted: [c...c, (c ^ 0x20)...(c ^ 0x20)])
    default: ScalarSet(c)
    }
  }

  func contains(_ c: UInt32) -> Bool { ranges.contains { $0.contains(c) } }
}

/// Index of the first element `>= value` in a sorted array.
func lowerIndex(_ a: [UInt32], _ value: UInt32) -> Int {
  var lo = 0
  var hi = a.count
  while lo < hi {
    let mid = (lo + hi) >> 1
    if a[mid] < value { lo = mid + 1 } else { hi = mid }
  }
  return lo
}
