import VigilEvents
import VigilQuery

extension ESQLValue {
  /// A double as Java's `Double.toString` writes it, which is what `TO_STRING` gives in Elasticsearch: `1.0`,
  /// `0.5`, `1.0E7`, `1.0E-4`.
  static func javaText(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e7 {
      let text = "\(value)"
      return text.contains(".") || text.contains("e") ? text : text + ".0"
    }
    var exponent = Int(magnitude.log10Floor)
    var mantissa = value / pow10(exponent)
    if abs(mantissa) >= 10 {
      exponent += 1
      mantissa /= 10
    }
    var digits = "\(mantissa)"
    if !digits.contains(".") { digits += ".0" }
    return "\(digits)E\(exponent)"
  }

  private static func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
  }

  /// The value as `TO_STRING` writes it: dates in ISO-8601 with milliseconds, IPs in their canonical form.
  var text: String? {
    switch self {
    case .null, .multi: nil
    case .boolean(let flag): flag ? "true" : "false"
    case .integer(let number): String(number)
    case .double(let number): ESQLValue.javaText(number)
    case .string(let text): text
    case .date(let time): ESQLValue.isoText(time)
    case .ip(let address): address.description
    case .geoPoint(let longitude, let latitude):
      "POINT (\(ESQLValue.javaText(longitude)) \(ESQLValue.javaText(latitude)))"
    case .source(let json): json
    case .timeSpan(let count, let unit): "\(count) \(unit.rawValue)\(count == 1 ? "" : "s")"
    }
  }

  /// A date as Elasticsearch's default format writes it: `2024-05-01T10:00:00.000Z`.
  static func isoText(_ nanoseconds: Int64) -> String {
    let millis = nanoseconds.floorDivided(by: 1_000_000)
    let civil = CivilTime(milliseconds: millis)
    return civil.formatted("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
  }
}

extension Double {
  fileprivate var log10Floor: Double {
    var exponent = 0.0
    var value = self
    while value >= 10 {
      value /= 10
      exponent += 1
    }
    while value < 1 {
      value *= 10
      exponent -= 1
    }
    return exponent
  }
}
