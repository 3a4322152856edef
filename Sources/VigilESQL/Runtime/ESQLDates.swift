/// Date arithmetic, truncation and differences in UTC, as ES|QL does them.
enum ESQLDates {
  static let nanosPerMilli: Int64 = 1_000_000

  /// `time + count unit`: fixed units by their length, days and weeks as 24-hour days (UTC has no daylight saving),
  /// months, quarters and years by the calendar (the day is clamped to the end of a shorter month).
  static func add(_ count: Int64, _ unit: ESQLTimeUnit, to time: Int64) -> Int64? {
    // Dates are nanoseconds in 64 bits (about ±292 years): larger calendar moves cannot land in range.
    guard unit.milliseconds != nil || abs(count) < 1_000_000 else { return nil }
    if let millis = unit.milliseconds {
      let (delta, overflow) = count.multipliedReportingOverflow(by: millis * nanosPerMilli)
      guard !overflow else { return nil }
      let (result, overflow2) = time.addingReportingOverflow(delta)
      return overflow2 ? nil : result
    }
    let subMillis = time - time.floorDivided(by: nanosPerMilli) * nanosPerMilli
    let civil = CivilTime(milliseconds: time.floorDivided(by: nanosPerMilli))
    let moved: CivilTime
    switch unit {
    case .day, .week:
      let days = count * (unit == .week ? 7 : 1)
      return nanos(millis: civil.milliseconds + days * CivilTime.millisPerDay, plus: subMillis)
    case .month: moved = civil.addingMonths(count)
    case .quarter: moved = civil.addingMonths(count * 3)
    default: moved = civil.addingMonths(count * 12)
    }
    guard abs(moved.year) < 1_000_000 else { return nil }
    return nanos(millis: moved.milliseconds, plus: subMillis)
  }

  /// Milliseconds to nanoseconds, `nil` past the 64-bit range.
  private static func nanos(millis: Int64, plus extra: Int64) -> Int64? {
    let (scaled, overflow) = millis.multipliedReportingOverflow(by: nanosPerMilli)
    guard !overflow else { return nil }
    let (result, overflow2) = scaled.addingReportingOverflow(extra)
    return overflow2 ? nil : result
  }

  /// `DATE_TRUNC(count unit, time)`: the start of the interval holding `time`. Fixed intervals are aligned on the
  /// epoch; `1 week` starts on Monday; months, quarters and years on the calendar.
  static func truncate(_ time: Int64, to count: Int64, _ unit: ESQLTimeUnit) -> Int64? {
    guard count > 0, count < 1_000_000_000 else { return nil }
    let millis = time.floorDivided(by: nanosPerMilli)
    if let length = unit.milliseconds {
      let size = length * count
      return nanos(millis: millis.floorDivided(by: size) * size, plus: 0)
    }
    let civil = CivilTime(milliseconds: millis)
    switch unit {
    case .day:
      let size = CivilTime.millisPerDay * count
      return nanos(millis: millis.floorDivided(by: size) * size, plus: 0)
    case .week:
      let monday = civil.daysSinceEpoch - (civil.dayOfWeek - 1)
      let weeks = (monday + 3).floorDivided(by: 7)
      let start = weeks.floorDivided(by: count) * count * 7 - 3
      return nanos(millis: start * CivilTime.millisPerDay, plus: 0)
    default:
      let months = unit == .month ? count : (unit == .quarter ? 3 * count : 12 * count)
      let total = (civil.year - 1970) * 12 + civil.month - 1
      let start = total.floorDivided(by: months) * months
      let year = 1970 + start.floorDivided(by: 12)
      let month = start - (year - 1970) * 12 + 1
      return nanos(millis: CivilTime(year: year, month: month, day: 1).milliseconds, plus: 0)
    }
  }

  /// The unit names `DATE_DIFF` accepts, with their length in nanoseconds (`nil` for calendar units, in months).
  static func diffUnit(_ name: String) -> (nanos: Int64?, months: Int64?)? {
    switch name.lowercased() {
    case "nanosecond", "nanoseconds", "ns": (1, nil)
    case "microsecond", "microseconds", "mcs": (1000, nil)
    case "millisecond", "milliseconds", "ms": (nanosPerMilli, nil)
    case "second", "seconds", "ss", "s": (1000 * nanosPerMilli, nil)
    case "minute", "minutes", "mi", "n": (60_000 * nanosPerMilli, nil)
    case "hour", "hours", "hh": (3_600_000 * nanosPerMilli, nil)
    case "day", "days", "dd", "d", "dayofyear", "dy", "y": (86_400_000 * nanosPerMilli, nil)
    case "week", "weeks", "wk", "ww": (7 * 86_400_000 * nanosPerMilli, nil)
    case "weekday", "weekdays", "dw": (86_400_000 * nanosPerMilli, nil)
    case "month", "months", "mm", "m": (nil, 1)
    case "quarter", "quarters", "qq", "q": (nil, 3)
    case "year", "years", "yyyy", "yy": (nil, 12)
    default: nil
    }
  }

  /// `DATE_DIFF(unit, start, end)`: whole units from `start` to `end`, truncated toward zero; `nil` when the result
  /// does not fit an integer (Elasticsearch returns `null` with a warning).
  static func difference(_ unit: (nanos: Int64?, months: Int64?), from start: Int64, to end: Int64) -> Int64? {
    if let nanos = unit.nanos {
      let (delta, overflow) = end.subtractingReportingOverflow(start)
      guard !overflow else { return nil }
      let result = delta / nanos
      return result >= Int64(Int32.min) && result <= Int64(Int32.max) ? result : nil
    }
    let months = unit.months ?? 1
    let a = CivilTime(milliseconds: start.floorDivided(by: nanosPerMilli))
    let b = CivilTime(milliseconds: end.floorDivided(by: nanosPerMilli))
    var whole = (b.year - a.year) * 12 + (b.month - a.month)
    // A month counts only once the day and time of day are reached (java.time's `until`).
    let aRest = (a.day, a.millisOfDay)
    let bRest = (b.day, b.millisOfDay)
    if whole > 0, bRest < aRest { whole -= 1 }
    if whole < 0, bRest > aRest { whole += 1 }
    return whole / months
  }
}
