/// Elasticsearch date math relative to now, as used in `from`, `to` and `history_window_start`:
/// `now`, `now-6m`, `now-14d`, `now-1d/d`, `now-2h+30m`.
public struct DateMath: Hashable, Sendable, CustomStringConvertible {
  /// Offset from now in seconds (negative is the past).
  public var offsetSeconds: Int64
  /// The unit the result is rounded down to (`/d`), if any.
  public var rounding: Character?
  /// The text as written.
  public var text: String

  public init(offsetSeconds: Int64, rounding: Character?, text: String) {
    self.offsetSeconds = offsetSeconds
    self.rounding = rounding
    self.text = text
  }

  /// Seconds per date-math unit. Months and years are calendar units in Elasticsearch; fixed lengths
  /// (30 and 365 days) are used here, which differs by at most a few days (see docs/compatibility.md).
  public static let units: [Character: Int64] = [
    "s": 1, "m": 60, "h": 3600, "H": 3600, "d": 86_400, "w": 604_800, "M": 2_592_000, "y": 31_536_000,
  ]

  /// Parses `now` followed by any number of `+N<unit>`/`-N<unit>` and an optional final `/<unit>`.
  /// Returns `nil` when the text is not date math relative to now.
  public static func parse(_ text: String) -> DateMath? {
    let scalars = Array(text.unicodeScalars)
    guard text.hasPrefix("now") else { return nil }
    var index = 3
    var offset: Int64 = 0
    var rounding: Character?
    while index < scalars.count {
      let sign = scalars[index]
      if sign == "/" {
        guard index + 2 == scalars.count, let unit = units[Character(scalars[index + 1])] else { return nil }
        _ = unit
        rounding = Character(scalars[index + 1])
        break
      }
      guard sign == "+" || sign == "-" else { return nil }
      index += 1
      var count: Int64 = 0
      let digitsStart = index
      while index < scalars.count, let digit = scalars[index].properties.numericType == .decimal
        ? Int64(String(scalars[index])) : nil
      {
        guard count < Int64.max / 10 else { return nil }
        count = count * 10 + digit
        index += 1
      }
      guard index > digitsStart, index < scalars.count, let factor = units[Character(scalars[index])],
        count <= Int64.max / factor
      else { return nil }
      offset += (sign == "-" ? -1 : 1) * count * factor
      index += 1
    }
    return DateMath(offsetSeconds: offset, rounding: rounding, text: text)
  }

  /// The time this date math names when now is `now` (nanoseconds since the epoch). With rounding, Elasticsearch
  /// rounds down for a lower bound and up, to the last nanosecond of the unit, for an inclusive upper bound
  /// (`roundsUp`).
  public func resolve(now: Int64, roundsUp: Bool = false) -> Int64 {
    let time = now &+ offsetSeconds &* 1_000_000_000
    guard let rounding, let unit = Self.units[rounding] else { return time }
    let span = unit &* 1_000_000_000
    var floor = time / span * span
    if time < 0, time % span != 0 { floor -= span }
    return roundsUp ? floor &+ span &- 1 : floor
  }

  public var description: String { text }
}
