#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension DocumentScanner {
  /// Reads the number at `p[i]`: an `Int64` when it is an integer that fits, a `Double` when that is exact or the
  /// number has a fraction or exponent, else its literal text.
  mutating func number() throws(DecodeError) -> Slot {
    let start = i
    var j = i
    let negative = p[j] == UInt8(ascii: "-")
    if negative { j += 1 }
    guard j < n, p[j] &- UInt8(ascii: "0") < 10 else { throw DecodeError(.invalidNumber, at: start) }
    var mantissa: UInt64 = 0
    var digits = 0
    var overflow = false
    if p[j] == UInt8(ascii: "0") {
      j += 1
    } else {
      while j < n, p[j] &- UInt8(ascii: "0") < 10 {
        let digit = UInt64(p[j] &- UInt8(ascii: "0"))
        if digits < 19 {
          mantissa = mantissa &* 10 &+ digit
        } else {
          let (times, o1) = mantissa.multipliedReportingOverflow(by: 10)
          let (sum, o2) = times.addingReportingOverflow(digit)
          if o1 || o2 { overflow = true } else { mantissa = sum }
        }
        digits += 1
        j += 1
      }
    }
    var isInteger = true
    var fractionDigits = 0
    if j < n, p[j] == UInt8(ascii: ".") {
      isInteger = false
      j += 1
      guard j < n, p[j] &- UInt8(ascii: "0") < 10 else { throw DecodeError(.invalidNumber, at: j) }
      while j < n, p[j] &- UInt8(ascii: "0") < 10 {
        if mantissa < 1 << 53 / 10 {
          mantissa = mantissa * 10 + UInt64(p[j] &- UInt8(ascii: "0"))
          fractionDigits += 1
        } else {
          overflow = true
        }
        j += 1
      }
    }
    var exponent = 0
    if j < n, p[j] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      j += 1
      var negativeExponent = false
      if j < n, p[j] == UInt8(ascii: "-") || p[j] == UInt8(ascii: "+") {
        negativeExponent = p[j] == UInt8(ascii: "-")
        j += 1
      }
      guard j < n, p[j] &- UInt8(ascii: "0") < 10 else { throw DecodeError(.invalidNumber, at: j) }
      while j < n, p[j] &- UInt8(ascii: "0") < 10 {
        if exponent < 100_000 { exponent = exponent * 10 + Int(p[j] &- UInt8(ascii: "0")) }
        j += 1
      }
      if negativeExponent { exponent = -exponent }
    }
    i = j
    try expectDelimiter(.invalidNumber)
    if isInteger && !overflow {
      if negative {
        if mantissa <= UInt64(Int64.max) + 1 {
          return Slot(kind: .int, field: 0, payload: Int64(truncatingIfNeeded: 0 &- mantissa))
        }
      } else if mantissa <= UInt64(Int64.max) {
        return Slot(kind: .int, field: 0, payload: Int64(mantissa))
      }
    }
    if isInteger {
      // An integer beyond Int64 keeps its text: a Double would round it.
      return Slot(kind: .number, field: 0, payload: Int64(start), count: Int32(j - start))
    }
    let scale = exponent - fractionDigits
    if !overflow && mantissa < 1 << 53 && scale >= -22 && scale <= 22 {
      // Both operands are exact, so one correctly rounded operation gives the correctly rounded result.
      var value = Double(mantissa)
      value = scale < 0 ? value / Self.powersOfTen[-scale] : value * Self.powersOfTen[scale]
      return Slot(kind: .double, field: 0, payload: Int64(bitPattern: (negative ? -value : value).bitPattern))
    }
    let value = parseDouble(start, j)
    guard value.isFinite else { return Slot(kind: .number, field: 0, payload: Int64(start), count: Int32(j - start)) }
    return Slot(kind: .double, field: 0, payload: Int64(bitPattern: value.bitPattern))
  }

  static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The slow, correctly rounded path through `strtod`.
  private func parseDouble(_ start: Int, _ end: Int) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: end - start + 1) { buffer in
      for k in 0..<(end - start) { buffer[k] = CChar(bitPattern: p[start + k]) }
      buffer[end - start] = 0
      return strtod(buffer.baseAddress!, nil)
    }
  }
}
