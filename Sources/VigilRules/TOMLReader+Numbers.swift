// Numbers, dates and times of the TOML reader.

extension TOMLReader {
  // MARK: Numbers, dates and times

  static func isDigit(_ byte: UInt8) -> Bool { byte >= TOMLASCII.zero && byte <= TOMLASCII.nine }

  mutating func readNumberOrDate() throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    if Self.isDigit(at(start)), Self.isDigit(at(start + 1)) {
      if Self.isDigit(at(start + 2)), Self.isDigit(at(start + 3)), at(start + 4) == TOMLASCII.minus {
        return try readDateOrDateTime()
      }
      if at(start + 2) == TOMLASCII.colon {
        let time = try readTime()
        if at(offset) == UInt8(ascii: "Z") || at(offset) == UInt8(ascii: "z") || at(offset) == TOMLASCII.plus
          || at(offset) == TOMLASCII.minus
        {
          throw fail("a local time cannot have an offset", at: offset)
        }
        return .datetime(time)
      }
    }
    var stop = start
    while stop < end {
      let byte = bytes[stop]
      guard Self.isBareKeyByte(byte) || byte == TOMLASCII.dot || byte == TOMLASCII.plus else { break }
      stop += 1
    }
    offset = stop
    return try number(start..<stop)
  }

  /// Reads digits with single underscores between them from `index`; returns where they stop.
  func digits(from index: Int, to stop: Int, radix: Int, what: String) throws(TOMLSyntaxError) -> Int {
    var index = index
    let start = index
    while index < stop {
      let byte = bytes[index]
      if Self.digitValue(byte, radix: radix) != nil {
        index += 1
      } else if byte == TOMLASCII.underscore {
        guard index > start, index + 1 < stop, Self.digitValue(bytes[index + 1], radix: radix) != nil else {
          throw fail("an underscore in \(what) must be between two digits", at: index)
        }
        index += 1
      } else {
        break
      }
    }
    return index
  }

  func number(_ range: Range<Int>) throws(TOMLSyntaxError) -> RuleValue {
    var index = range.lowerBound
    let stop = range.upperBound
    let negative = bytes[index] == TOMLASCII.minus
    let signed = negative || bytes[index] == TOMLASCII.plus
    if signed { index += 1 }
    if stop - index == 3, at(index) == UInt8(ascii: "i") || at(index) == UInt8(ascii: "n") {
      let word = String(decoding: bytes[index..<stop], as: UTF8.self)
      if word == "inf" { return .float(negative ? -.infinity : .infinity) }
      if word == "nan" { return .float(negative ? -.nan : .nan) }
    }
    if at(index) == TOMLASCII.zero, let radix = Self.radix(of: at(index + 1)) {
      let name = radix == 16 ? "a hexadecimal" : radix == 8 ? "an octal" : "a binary"
      if signed { throw fail("\(name) integer cannot have a sign", at: range.lowerBound) }
      let first = index + 2
      let last = try digits(from: first, to: stop, radix: radix, what: "\(name) integer")
      guard last > first else { throw fail("\(name) integer needs digits after its prefix", at: range.lowerBound) }
      guard last == stop else { throw invalidNumber(range, at: last) }
      var value: Int64 = 0
      for index in first..<last where bytes[index] != TOMLASCII.underscore {
        let (shifted, overflow) = value.multipliedReportingOverflow(by: Int64(radix))
        guard !overflow else { throw fail("the integer does not fit in 64 bits", at: range.lowerBound) }
        value = shifted + Int64(Self.digitValue(bytes[index], radix: radix)!)
        guard value >= 0 else { throw fail("the integer does not fit in 64 bits", at: range.lowerBound) }
      }
      return .integer(value)
    }
    let integerStart = index
    index = try digits(from: index, to: stop, radix: 10, what: "a number")
    guard index > integerStart else { throw invalidNumber(range, at: integerStart) }
    if bytes[integerStart] == TOMLASCII.zero, index > integerStart + 1 {
      throw fail("leading zeros are not allowed in a number", at: integerStart)
    }
    var isFloat = false
    if index < stop, bytes[index] == TOMLASCII.dot {
      let fraction = index + 1
      index = try digits(from: fraction, to: stop, radix: 10, what: "a number")
      guard index > fraction else { throw fail("a decimal point must be followed by digits", at: fraction - 1) }
      isFloat = true
    }
    if index < stop, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < stop, bytes[index] == TOMLASCII.plus || bytes[index] == TOMLASCII.minus { index += 1 }
      let exponent = index
      index = try digits(from: exponent, to: stop, radix: 10, what: "a number")
      guard index > exponent else { throw fail("an exponent needs digits", at: exponent) }
      isFloat = true
    }
    guard index == stop else { throw invalidNumber(range, at: index) }
    if isFloat {
      var text = ""
      text.reserveCapacity(stop - range.lowerBound)
      for byte in bytes[range] where byte != TOMLASCII.underscore { text.unicodeScalars.append(Unicode.Scalar(byte)) }
      guard let value = Double(text), value.isFinite else {
        throw fail("the float does not fit in 64 bits", at: range.lowerBound)
      }
      return .float(value)
    }
    var value: Int64 = 0
    for index in integerStart..<stop where bytes[index] != TOMLASCII.underscore {
      let digit = Int64(bytes[index] - TOMLASCII.zero)
      let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
      let (next, overflow2) =
        negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
      guard !overflow, !overflow2 else { throw fail("the integer does not fit in 64 bits", at: range.lowerBound) }
      value = next
    }
    return .integer(value)
  }

  static func radix(of byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "x"): 16
    case UInt8(ascii: "o"): 8
    case UInt8(ascii: "b"): 2
    default: nil
    }
  }

  func invalidNumber(_ range: Range<Int>, at index: Int) -> TOMLSyntaxError {
    let text = String(decoding: bytes[range], as: UTF8.self)
    if index < end, bytes[index] == TOMLASCII.dot || Self.isBareKeyByte(bytes[index]) || bytes[index] == TOMLASCII.plus
    {
      return fail("'\(text)' is not a valid value", at: range.lowerBound)
    }
    return fail("expected a value, found \(describe(at: range.lowerBound))", at: range.lowerBound)
  }

  /// Reads `count` decimal digits at `offset` as a number.
  mutating func fixedDigits(_ count: Int, _ what: String) throws(TOMLSyntaxError) -> Int {
    var value = 0
    for index in 0..<count {
      let byte = at(offset + index)
      guard Self.isDigit(byte) else {
        throw fail(
          "expected \(count) digits for the \(what), found \(describe(at: offset + index))", at: offset + index)
      }
      value = value * 10 + Int(byte - TOMLASCII.zero)
    }
    offset += count
    return value
  }

  mutating func expect(_ byte: UInt8, in what: String) throws(TOMLSyntaxError) {
    guard at(offset) == byte else {
      throw fail("expected '\(Character(Unicode.Scalar(byte)))' in \(what), found \(describe(at: offset))", at: offset)
    }
    offset += 1
  }

  static func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  mutating func readDateOrDateTime() throws(TOMLSyntaxError) -> RuleValue {
    let start = offset
    let year = try fixedDigits(4, "year")
    try expect(TOMLASCII.minus, in: "a date")
    let month = try fixedDigits(2, "month")
    try expect(TOMLASCII.minus, in: "a date")
    let day = try fixedDigits(2, "day")
    guard (1...12).contains(month) else { throw fail("invalid month \(month) in a date", at: start) }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard (1...days).contains(day) else { throw fail("invalid day \(day) in a date", at: start) }
    let date = "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2))"
    let separator = at(offset)
    let hasTime: Bool
    switch separator {
    case UInt8(ascii: "T"), UInt8(ascii: "t"): hasTime = true
    case TOMLASCII.space:
      hasTime = Self.isDigit(at(offset + 1)) && Self.isDigit(at(offset + 2)) && at(offset + 3) == TOMLASCII.colon
    default: hasTime = false
    }
    guard hasTime else { return .datetime(date) }
    offset += 1
    let time = try readTime()
    switch at(offset) {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"):
      offset += 1
      return .datetime(date + "T" + time + "Z")
    case TOMLASCII.plus, TOMLASCII.minus:
      let sign = at(offset)
      let offsetStart = offset
      offset += 1
      let hours = try fixedDigits(2, "offset hours")
      try expect(TOMLASCII.colon, in: "a time offset")
      let minutes = try fixedDigits(2, "offset minutes")
      guard hours < 24, minutes < 60 else { throw fail("invalid time offset", at: offsetStart) }
      if hours == 0, minutes == 0 { return .datetime(date + "T" + time + "Z") }
      let text = (sign == TOMLASCII.plus ? "+" : "-") + Self.padded(hours, 2) + ":" + Self.padded(minutes, 2)
      return .datetime(date + "T" + time + text)
    default:
      return .datetime(date + "T" + time)
    }
  }

  /// Reads `HH:MM:SS[.fraction]` into its canonical text.
  mutating func readTime() throws(TOMLSyntaxError) -> String {
    let start = offset
    let hour = try fixedDigits(2, "hour")
    try expect(TOMLASCII.colon, in: "a time")
    let minute = try fixedDigits(2, "minute")
    try expect(TOMLASCII.colon, in: "a time")
    let second = try fixedDigits(2, "second")
    guard hour < 24, minute < 60, second <= 60 else { throw fail("invalid time", at: start) }
    var text = Self.padded(hour, 2) + ":" + Self.padded(minute, 2) + ":" + Self.padded(second, 2)
    if at(offset) == TOMLASCII.dot {
      offset += 1
      let fractionStart = offset
      while Self.isDigit(at(offset)) { offset += 1 }
      guard offset > fractionStart else {
        throw fail("a decimal point in a time must be followed by digits", at: offset)
      }
      // Nanoseconds at most, without trailing zeros.
      var last = min(offset, fractionStart + 9)
      while last > fractionStart, bytes[last - 1] == TOMLASCII.zero { last -= 1 }
      if last > fractionStart { text += "." + String(decoding: bytes[fractionStart..<last], as: UTF8.self) }
    }
    return text
  }
}
