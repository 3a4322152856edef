/// Parses event timestamps into nanoseconds since the Unix epoch.
///
/// Accepts Elasticsearch's `strict_date_optional_time` forms (`2024-05-01`, `2024-05-01T10:20`,
/// `2024-05-01T10:20:30.123456789Z`, offsets `Z`, `+02:00`, `+0200`, `+02`; a space instead of `T` is also accepted),
/// and epoch milliseconds as a number or a numeric string (`1714558830123`, `"1714558830123.5"`). Without an offset
/// the time is UTC, as in Elasticsearch.
public enum Timestamp {
  /// Nanoseconds since the epoch for the text of a date, or `nil` when it is not a date.
  public static func parse<C: Collection<UInt8>>(_ text: C) -> Int64? {
    if let result = text.withContiguousStorageIfAvailable({ parse($0) }) { return result }
    return Array(text).withUnsafeBufferPointer { parse($0) }
  }

  /// Nanoseconds since the epoch for the text of a date used as a range bound, or `nil` when it is not a date.
  ///
  /// Rounding down, missing parts are the start of their unit, as ``parse(_:)`` reads them. Rounding up, as
  /// Elasticsearch parses the bounds of `lte` and `gt` (and the upper end of a term query on a date field), each
  /// missing part takes its round-up default: month and day `01`, hour `23`, minute and second `59`, fraction
  /// `.999999999`, so `2024-05-02` is `2024-05-02T23:59:59.999999999Z`. Epoch milliseconds are never rounded.
  public static func parse<C: Collection<UInt8>>(_ text: C, roundingUp: Bool) -> Int64? {
    guard roundingUp else { return parse(text) }
    if let result = text.withContiguousStorageIfAvailable({ parse($0, roundingUp: true) }) { return result }
    return Array(text).withUnsafeBufferPointer { parse($0, roundingUp: true) }
  }

  /// Nanoseconds since the epoch for `milliseconds` since the epoch.
  public static func fromEpochMilliseconds(_ milliseconds: Int64) -> Int64? {
    let (value, overflow) = milliseconds.multipliedReportingOverflow(by: 1_000_000)
    return overflow ? nil : value
  }

  static func parse(_ s: UnsafeBufferPointer<UInt8>, roundingUp: Bool = false) -> Int64? {
    let n = s.count
    guard n > 0 else { return nil }
    if let epoch = epochMilliseconds(s) { return epoch }
    var i = 0
    func digits(_ count: Int) -> Int? {
      guard i + count <= n else { return nil }
      var value = 0
      for k in 0..<count {
        let digit = s[i + k] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      i += count
      return value
    }
    func take(_ byte: UInt8) -> Bool {
      guard i < n, s[i] == byte else { return false }
      i += 1
      return true
    }
    guard let year = digits(4) else { return nil }
    var month = 1
    var day = 1
    var hour = roundingUp ? 23 : 0
    var minute = roundingUp ? 59 : 0
    var second = roundingUp ? 59 : 0
    var nanos = roundingUp ? 999_999_999 : 0
    var offset = 0
    if take(UInt8(ascii: "-")) {
      guard let m = digits(2) else { return nil }
      month = m
      if take(UInt8(ascii: "-")) {
        guard let d = digits(2) else { return nil }
        day = d
      }
    }
    if i < n, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == UInt8(ascii: " ") {
      i += 1
      guard let h = digits(2) else { return nil }
      hour = h
      if take(UInt8(ascii: ":")) {
        guard let m = digits(2) else { return nil }
        minute = m
        if take(UInt8(ascii: ":")) {
          guard let sec = digits(2) else { return nil }
          second = sec
          if i < n, s[i] == UInt8(ascii: ".") || s[i] == UInt8(ascii: ",") {
            i += 1
            nanos = 0
            var count = 0
            while i < n, s[i] &- UInt8(ascii: "0") < 10 {
              if count < 9 { nanos = nanos * 10 + Int(s[i] &- UInt8(ascii: "0")) }
              count += 1
              i += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanos *= 10 }
          }
        }
      }
      if i < n {
        if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
          i += 1
        } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
          let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
          i += 1
          guard let oh = digits(2) else { return nil }
          var om = 0
          if take(UInt8(ascii: ":")) {
            guard let m = digits(2) else { return nil }
            om = m
          } else if i < n {
            guard let m = digits(2) else { return nil }
            om = m
          }
          guard oh <= 18, om < 60 else { return nil }
          offset = sign * (oh * 3600 + om * 60)
        }
      }
    }
    guard i == n, (1...12).contains(month), day >= 1, day <= daysIn(month, year),
      hour < 24
        || (hour == 24
          && minute
            == 0
          && second == 0 && nanos == 0),
      minute < 60, second < 60
    else { return nil }
    let days = daysSinceEpoch(year, month, day)
    let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return nil }
    return scaled.addingReportingOverflow(Int64(nanos)).overflow ? nil : scaled + Int64(nanos)
  }

  /// A numeric string of epoch milliseconds, optionally with a fraction of a millisecond.
  static func epochMilliseconds(_ s: UnsafeBufferPointer<UInt8>) -> Int64? {
    var i = 0
    let negative = s[0] == UInt8(ascii: "-")
    if negative { i = 1 }
    var millis: Int64 = 0
    var count = 0
    while i < s.count, s[i] &- UInt8(ascii: "0") < 10 {
      let (times, o1) = millis.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times.addingReportingOverflow(Int64(s[i] &- UInt8(ascii: "0")))
      guard !o1, !o2 else { return nil }
      millis = sum
      count += 1
      i += 1
    }
    // Four digits alone are a year, not milliseconds.
    guard count > 0, count != 4 || negative || i < s.count else { return nil }
    var fraction: Int64 = 0
    if i < s.count {
      guard s[i] == UInt8(ascii: "."), i + 1 < s.count else { return nil }
      i += 1
      var scale: Int64 = 100_000
      while i < s.count, s[i] &- UInt8(ascii: "0") < 10 {
        fraction += Int64(s[i] &- UInt8(ascii: "0")) * scale
        scale /= 10
        i += 1
      }
      guard i == s.count else { return nil }
    }
    guard let nanos = fromEpochMilliseconds(millis) else { return nil }
    return negative ? -nanos - fraction : nanos + fraction
  }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days from 1970-01-01 to a proleptic Gregorian date.
  static func daysSinceEpoch(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
