import VigilEvents
import VigilQuery

extension ESQLEvaluator {
  mutating func call(
    _ function: ESQLScalarFunction, _ arguments: [ESQLCompiledExpression], _ row: ESQLRowView
  ) -> ESQLValue {
    switch function {
    case .case_:
      var index = 0
      while index + 1 < arguments.count {
        if case .boolean(true)? = single(evaluate(arguments[index], row)) { return evaluate(arguments[index + 1], row) }
        index += 2
      }
      return index < arguments.count ? evaluate(arguments[index], row) : .null
    case .coalesce:
      for argument in arguments {
        let value = evaluate(argument, row)
        if !value.isNull { return value }
      }
      return .null
    case .now:
      return .date(now)
    case .e: return .double(2.718281828459045)
    case .pi: return .double(Double.pi)
    case .tau: return .double(2 * Double.pi)
    default: break
    }
    var values = spareArgumentLists.popLast() ?? []
    for argument in arguments { values.append(evaluate(argument, row)) }
    defer {
      values.removeAll(keepingCapacity: true)
      spareArgumentLists.append(values)
    }
    if function.isMultiValue { return multiValue(function, values) }
    switch function {
    case .greatest, .least:
      var best: ESQLValue?
      for value in values {
        for element in value.elements {
          guard let current = best else {
            best = element
            continue
          }
          guard let order = ESQLValue.compare(element, current) else { return .null }
          if function == .greatest ? order > 0 : order < 0 { best = element }
        }
        if value.isNull { return .null }
      }
      return best ?? .null
    case .cidrMatch:
      return cidrMatch(values[0], blocks: CIDRBlock.blocks(in: values.dropFirst()))
    case .dateTrunc:
      guard case .timeSpan(let count, let unit)? = single(values[0]), case .date(let time)? = single(values[1]) else {
        return .null
      }
      return ESQLDates.truncate(time, to: count, unit).map(ESQLValue.date) ?? .null
    case .dateDiff:
      guard case .string(let unitName)? = single(values[0]), let unit = ESQLDates.diffUnit(unitName),
        case .date(let start)? = single(values[1]), case .date(let end)? = single(values[2])
      else { return .null }
      guard let difference = ESQLDates.difference(unit, from: start, to: end) else {
        warnings += 1
        return .null
      }
      return .integer(difference)
    case .dateFormat:
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
    case .round:
      guard let value = single(values[0]) else { return .null }
      var digits: Int64 = 0
      if values.count > 1 {
        guard case .integer(let count)? = single(values[1]) else { return .null }
        digits = count
      }
      return Self.round(value, digits: digits)
    case .abs:
      switch single(values[0]) {
      case .integer(let number)?: return number == .min ? .null : .integer(abs(number))
      case .double(let number)?: return .double(abs(number))
      default: return .null
      }
    case .ceil, .floor:
      switch single(values[0]) {
      case .integer(let number)?: return .integer(number)
      case .double(let number)?: return .double(function == .ceil ? number.rounded(.up) : number.rounded(.down))
      default: return .null
      }
    case .ipPrefix:
      guard case .ip(let address)? = single(ipValue(values[0])), case .integer(let v4)? = single(values[1]),
        case .integer(let v6)? = single(values[2])
      else { return .null }
      guard address.isIPv4 ? (0...32).contains(v4) : (0...128).contains(v6) else { return .null }
      let length = address.isIPv4 ? Int(v4) + 96 : Int(v6)
      return .ip(CIDRBlock(address: address, prefixLength: length).network)
    case .bucket:
      // The span form: `BUCKET(date, 1 hour)` truncates like DATE_TRUNC, `BUCKET(number, 10)` floors to a multiple.
      switch (single(values[0]), single(values[1])) {
      case (.date(let time)?, .timeSpan(let count, let unit)?):
        return ESQLDates.truncate(time, to: count, unit).map(ESQLValue.date) ?? .null
      case (let number?, let span?):
        guard let value = number.doubleValue, let size = span.doubleValue, size > 0 else { return .null }
        return .double((value / size).rounded(.down) * size)
      default: return .null
      }
    case .pow, .sqrt, .log10, .log, .signum:
      return math(function, values)
    case .dateExtract, .dayName, .monthName:
      return dateParts(function, values)
    case .toGeopoint:
      return .list(
        values[0].elements.compactMap { element in
          switch element {
          case .geoPoint: return element
          case .string(let text): return ESQLGeo.parseWKT(text)
          default: return nil
          }
        })
    case .stX, .stY:
      guard case .geoPoint(let longitude, let latitude)? = single(values[0]) else { return .null }
      return .double(function == .stX ? longitude : latitude)
    case .stDistance:
      guard case .geoPoint(let lon1, let lat1)? = single(values[0]),
        case .geoPoint(let lon2, let lat2)? = single(values[1])
      else { return .null }
      return .double(ESQLGeo.distance((lon1, lat1), (lon2, lat2)))
    case .jsonExtract:
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
      return string(function, values)
    }
  }

  /// `CIDR_MATCH`: whether `operand`, a single IP (or a string of one), is in one of `blocks`; `null` otherwise.
  mutating func cidrMatch(_ operand: ESQLValue, blocks: [CIDRBlock]) -> ESQLValue {
    guard case .ip(let address)? = single(ipValue(operand)) else { return .null }
    return .boolean(blocks.contains { $0.contains(address) })
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
