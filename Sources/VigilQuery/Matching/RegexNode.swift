/// The parsed form of a Lucene regular expression (already case-folded as the options ask).
indirect enum RegexNode: Hashable, Sendable {
  /// One scalar from a set (a literal, `.`, a class, `\d` and friends).
  case set(ScalarSet)
  /// A literal run of scalars (`"…"`, `()` for the empty string).
  case string([UInt32])
  /// `#`: matches nothing.
  case emptyLanguage
  /// `@`: any string.
  case anyString
  case concat([RegexNode])
  case union([RegexNode])
  /// `&`.
  case intersection(RegexNode, RegexNode)
  /// `~`: every string the operand does not match.
  case complement(RegexNode)
  /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`; `max == nil` is unbounded.
  case `repeat`(RegexNode, min: Int, max: Int?)
  /// `<n-m>`: decimal numbers in `n...m`; `digits > 0` fixes the width (zero-padded), else any leading zeros.
  case interval(min: Int, max: Int, digits: Int)
}

extension RegexNode {
  /// The `<min-max>` numeric interval as plain nodes over the digits.
  static func decimalInterval(min: Int, max: Int, digits: Int) -> RegexNode {
    if digits > 0 {
      return fixedWidth(Array(padded(min, digits)), Array(padded(max, digits)))
    }
    let lo = String(min)
    let hi = String(max)
    var alternatives: [RegexNode] = []
    for width in lo.count...hi.count {
      let a = width == lo.count ? min : power10(width - 1)
      let b = width == hi.count ? max : power10(width) - 1
      if a <= b { alternatives.append(fixedWidth(Array(padded(a, width)), Array(padded(b, width)))) }
    }
    let zeros = RegexNode.repeat(.set(ScalarSet(0x30)), min: 0, max: nil)
    return .concat([zeros, .union(alternatives)])
  }

  private static func power10(_ e: Int) -> Int { (0..<e).reduce(1) { r, _ in r * 10 } }

  private static func padded(_ v: Int, _ width: Int) -> [UInt32] {
    let s = Array(String(v).utf8).map(UInt32.init)
    return Array(repeating: 0x30, count: Swift.max(0, width - s.count)) + s
  }

  /// Strings of `lo.count` digits lexicographically (hence numerically) between `lo` and `hi`.
  private static func fixedWidth(_ lo: [UInt32], _ hi: [UInt32]) -> RegexNode {
    guard let l0 = lo.first, let h0 = hi.first else { return .string([]) }
    let restLo = Array(lo.dropFirst())
    let restHi = Array(hi.dropFirst())
    if l0 == h0 { return .concat([.set(ScalarSet(l0)), fixedWidth(restLo, restHi)]) }
    let nines = [UInt32](repeating: 0x39, count: restLo.count)
    let zeros = [UInt32](repeating: 0x30, count: restLo.count)
    var parts: [RegexNode] = [.concat([.set(ScalarSet(l0)), fixedWidth(restLo, nines)])]
    if l0 + 1 <= h0 - 1 {
      parts.append(
        .concat([
          .set(ScalarSet(l0 + 1, h0 - 1)), .repeat(.set(ScalarSet(0x30, 0x39)), min: restLo.count, max: restLo.count),
        ]))
    }
    parts.append(.concat([.set(ScalarSet(h0)), fixedWidth(zeros, restHi)]))
    return .union(parts)
  }
}
