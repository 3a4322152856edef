/// A duration written as a number and a unit (`5m`, `60s`, `1h`, `14d`), as in `interval`.
public struct RuleDuration: Hashable, Sendable, CustomStringConvertible {
  public var seconds: Int64
  /// The text as written in the rule.
  public var text: String

  public init(seconds: Int64, text: String) {
    self.seconds = seconds
    self.text = text
  }

  /// Parses `<digits><unit>` where the unit is one of `units` (seconds per unit); `nil` when malformed.
  public static func parse(_ text: String, units: [Character: Int64] = intervalUnits) -> RuleDuration? {
    guard let unit = text.last, let factor = units[unit] else { return nil }
    let digits = text.dropLast()
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
      let count = Int64(digits), count <= Int64.max / factor
    else { return nil }
    return RuleDuration(seconds: count * factor, text: text)
  }

  /// Units detection-rules allows in `interval`: `^\d+[mshd]$`.
  public static let intervalUnits: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]

  public var description: String { text }
}
