import VigilEvents
import VigilQuery

extension ESQLEvaluator {
  /// The scalar functions Vigil runs (see ``ESQLProgram/supportedFunctions``).
  static let scalarFunctions: Set<String> = [
    "CASE", "COALESCE", "GREATEST", "LEAST", "DATE_TRUNC", "DATE_DIFF", "DATE_FORMAT", "NOW", "TO_STRING",
    "TO_INTEGER", "TO_INT", "TO_LONG", "TO_DOUBLE", "TO_DBL", "TO_IP", "TO_DATETIME", "TO_DT", "TO_BOOLEAN",
    "TO_BOOL", "TO_LOWER", "TO_UPPER", "LENGTH", "SUBSTRING", "CONCAT", "REPLACE", "SPLIT", "STARTS_WITH",
    "ENDS_WITH", "CONTAINS", "LOCATE", "TRIM", "LTRIM", "RTRIM", "LEFT", "RIGHT", "REVERSE", "REPEAT", "SPACE",
    "URL_DECODE", "FROM_BASE64", "TO_BASE64", "ROUND", "ABS", "CEIL", "FLOOR", "CIDR_MATCH", "IP_PREFIX",
    "MV_COUNT", "MV_DEDUPE", "MV_CONCAT", "MV_FIRST", "MV_LAST", "MV_MIN", "MV_MAX", "MV_SUM", "MV_AVG", "MV_SORT",
    "MV_SLICE", "MV_CONTAINS", "MV_APPEND", "MV_INTERSECTION", "KQL", "MATCH", "TO_GEOPOINT", "ST_X", "ST_Y",
    "ST_DISTANCE", "JSON_EXTRACT", "URL_ENCODE", "URL_ENCODE_COMPONENT", "BYTE_LENGTH", "BIT_LENGTH", "POW", "SQRT",
    "LOG10", "LOG", "SIGNUM", "E", "PI", "TAU", "DATE_EXTRACT", "DAY_NAME", "MONTH_NAME", "MV_MEDIAN", "MV_UNION",
    "TO_DATE_NANOS", "MATCH_PHRASE", "BUCKET",
  ]

  mutating func call(_ name: String, _ arguments: [ESQLExpression], _ expression: ESQLExpression, _ row: ESQLRow)
    -> ESQLValue
  {
    switch name {
    case "CASE":
      var index = 0
      while index + 1 < arguments.count {
        if case .boolean(true)? = single(evaluate(arguments[index], row)) { return evaluate(arguments[index + 1], row) }
        index += 2
      }
      return index < arguments.count ? evaluate(arguments[index], row) : .null
    case "COALESCE":
      for argument in arguments {
        let value = evaluate(argument, row)
        if !value.isNull { return value }
      }
      return .null
    case "KQL", "MATCH", "MATCH_PHRASE":
      return .boolean(matchers.fullText(at: expression.range, field: expression, event: event, row: row))
    case "NOW":
      return .date(now)
    case "E": return .double(2.718281828459045)
    case "PI": return .double(Double.pi)
    case "TAU": return .double(2 * Double.pi)
    default: break
    }
    let values = arguments.map { evaluate($0, row) }
    if name.hasPrefix("MV_") { return multiValue(name, values) }
    switch name {
    case "GREATEST", "LEAST":
      var best: ESQLValue?
      for value in values {
        for element in value.elements {
          guard let current = best else {
            best = element
            continue
          }
          guard let order = ESQLValue.compare(element, current) else { return .null }
          if name == "GREATEST" ? order > 0 : order < 0 { best = element }
        }
        if value.isNull { return .null }
      }
      return best ?? .null
    case "TO_STRING", "TO_INTEGER", "TO_INT", "TO_LONG", "TO_DOUBLE", "TO_DBL", "TO_IP", "TO_DATETIME", "TO_DT",
      "TO_BOOLEAN", "TO_BOOL", "TO_LOWER", "TO_UPPER", "TO_DATE_NANOS":
      return .list(values[0].elements.compactMap { convert(name, $0) })
    case "CIDR_MATCH":
      guard case .ip(let address)? = single(ipValue(values[0])) else { return .null }
      for block in values.dropFirst().flatMap(\.elements) {
        guard case .string(let text) = block, let cidr = CIDRBlock(text) else { continue }
        if cidr.contains(address) { return .boolean(true) }
      }
      return .boolean(false)
    case "DATE_TRUNC":
      guard case .timeSpan(let count, let unit)? = single(values[0]), case .date(let time)? = single(values[1]) else {
        return .null
      }
      return ESQLDates.truncate(time, to: count, unit).map(ESQLValue.date) ?? .null
    case "DATE_DIFF":
      guard case .string(let unitName)? = single(values[0]), let unit = ESQLDates.diffUnit(unitName),
        case .date(let start)? = single(values[1]), case .date(let end)? = single(values[2])
      else { return .null }
      guard let difference = ESQLDates.difference(unit, from: start, to: end) else {
        warnings += 1
        return .null
      }
      return .integer(difference)
    case "DATE_FORMAT":
      let format: String
      let date: ESQLValue?
      if values.count == 2 {
        guard case .string(let text)? = single(values[0]) else { return .null }
        format = text
        date = single(values[1])
      } else {
        format = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        date = single(values[0])
      }
      guard case .date(let time)? = date else { return .null }
      return .string(CivilTime(milliseconds: time.floorDivided(by: ESQLDates.nanosPerMilli)).formatted(format))
    case "ROUND":
      guard let value = single(values[0]) else { return .null }
      var digits: Int64 = 0
      if values.count > 1 {
        guard case .integer(let count)? = single(values[1]) else { return .null }
        digits = count
      }
      return Self.round(value, digits: digits)
    case "ABS":
      switch single(values[0]) {
      case .integer(let number)?: return number == .min ? .null : .integer(abs(number))
      case .double(let number)?: return .double(abs(number))
      default: return .null
      }
    case "CEIL", "FLOOR":
      switch single(values[0]) {
      case .integer(let number)?: return .integer(number)
      case .double(let number)?: return .double(name == "CEIL" ? number.rounded(.up) : number.rounded(.down))
      default: return .null
      }
    case "IP_PREFIX":
      guard case .ip(let address)? = single(ipValue(values[0])), case .integer(let v4)? = single(values[1]),
        case .integer(let v6)? = single(values[2])
      else { return .null }
      guard address.isIPv4 ? (0...32).contains(v4) : (0...128).contains(v6) else { return .null }
      let length = address.isIPv4 ? Int(v4) + 96 : Int(v6)
      return .ip(CIDRBlock(address: address, prefixLength: length).network)
    case "BUCKET":
      // The span form: `BUCKET(date, 1 hour)` truncates like DATE_TRUNC, `BUCKET(number, 10)` floors to a multiple.
      switch (single(values[0]), single(values[1])) {
      case (.date(let time)?, .timeSpan(let count, let unit)?):
        return ESQLDates.truncate(time, to: count, unit).map(ESQLValue.date) ?? .null
      case (let number?, let span?):
        guard let value = number.doubleValue, let size = span.doubleValue, size > 0 else { return .null }
        return .double((value / size).rounded(.down) * size)
      default: return .null
      }
    case "POW", "SQRT", "LOG10", "LOG", "SIGNUM":
      return math(name, values)
    case "DATE_EXTRACT", "DAY_NAME", "MONTH_NAME":
      return dateParts(name, values)
    case "TO_GEOPOINT":
      return .list(
        values[0].elements.compactMap { element in
          switch element {
          case .geoPoint: return element
          case .string(let text): return ESQLGeo.parseWKT(text)
          default: return nil
          }
        })
    case "ST_X", "ST_Y":
      guard case .geoPoint(let longitude, let latitude)? = single(values[0]) else { return .null }
      return .double(name == "ST_X" ? longitude : latitude)
    case "ST_DISTANCE":
      guard case .geoPoint(let lon1, let lat1)? = single(values[0]),
        case .geoPoint(let lon2, let lat2)? = single(values[1])
      else { return .null }
      return .double(ESQLGeo.distance((lon1, lat1), (lon2, lat2)))
    case "JSON_EXTRACT":
      guard let document = single(values[0]), case .string(let path)? = single(values[1]) else { return .null }
      let json: String
      switch document {
      case .source(let text), .string(let text): json = text
      default: return .null
      }
      guard let root = ESQLJSON.parse(json), let found = ESQLJSON.extract(path, from: root) else {
        warnings += 1
        return .null
      }
      switch found {
      case .null: return .null
      case .string(let text): return .string(text)
      default: return .string(found.text)
      }
    default:
      return string(name, values)
    }
  }

  /// An IP argument: an IP value, or a string that parses as one.
  private func ipValue(_ value: ESQLValue) -> ESQLValue {
    switch value {
    case .string(let text): IPAddress(text).map(ESQLValue.ip) ?? .null
    case .multi(let values): .list(values.map(ipValue))
    default: value
    }
  }

  /// `ROUND`: half away from zero (Java's `HALF_UP`); integers round to tens, hundreds, … with negative digits.
  static func round(_ value: ESQLValue, digits: Int64) -> ESQLValue {
    switch value {
    case .integer(let number):
      guard digits < 0 else { return value }
      guard digits > -19 else { return .integer(0) }
      var scale: Int64 = 1
      for _ in 0..<(-digits) { scale *= 10 }
      let remainder = number % scale
      var result = number - remainder
      if abs(remainder) * 2 >= scale { result += number < 0 ? -scale : scale }
      return .integer(result)
    case .double(let number):
      guard number.isFinite, abs(digits) < 300 else { return value }
      var scale = 1.0
      for _ in 0..<abs(digits) { scale *= 10 }
      let scaled = digits >= 0 ? number * scale : number / scale
      let rounded = scaled.rounded(.toNearestOrAwayFromZero)
      return .double(digits >= 0 ? rounded / scale : rounded * scale)
    default:
      return .null
    }
  }
}
