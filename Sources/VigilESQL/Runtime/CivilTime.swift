/// A UTC calendar time (proleptic Gregorian), for date truncation, calendar arithmetic and formatting.
struct CivilTime: Hashable, Sendable {
  var year: Int64
  var month: Int64
  var day: Int64
  /// Milliseconds since midnight.
  var millisOfDay: Int64

  static let millisPerDay: Int64 = 86_400_000

  init(year: Int64, month: Int64, day: Int64, millisOfDay: Int64 = 0) {
    self.year = year
    self.month = month
    self.day = day
    self.millisOfDay = millisOfDay
  }

  init(milliseconds: Int64) {
    let days = milliseconds.floorDivided(by: Self.millisPerDay)
    millisOfDay = milliseconds - days * Self.millisPerDay
    // Days to civil date (Howard Hinnant's algorithm).
    let z = days + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  /// Days since 1970-01-01.
  var daysSinceEpoch: Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = y.floorDivided(by: 400)
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  var milliseconds: Int64 { daysSinceEpoch * Self.millisPerDay + millisOfDay }

  /// Monday = 1 … Sunday = 7.
  var dayOfWeek: Int64 { (daysSinceEpoch + 3).floorDivided(by: 7) * -7 + daysSinceEpoch + 3 + 1 }

  static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Adds calendar months, clamping the day to the end of a shorter month (as `java.time` does).
  func addingMonths(_ months: Int64) -> CivilTime {
    let total = year * 12 + (month - 1) + months
    let newYear = total.floorDivided(by: 12)
    let newMonth = total - newYear * 12 + 1
    let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
    return CivilTime(year: newYear, month: newMonth, day: newDay, millisOfDay: millisOfDay)
  }

  /// Formats with a Java `DateTimeFormatter` pattern subset: `yyyy yy MM M dd d HH H mm ss SSS`, `'literal'`.
  func formatted(_ pattern: String) -> String {
    let hour = millisOfDay / 3_600_000
    let minute = millisOfDay / 60_000 % 60
    let second = millisOfDay / 1000 % 60
    let millis = millisOfDay % 1000
    var out = ""
    let chars = Array(pattern)
    var index = 0
    while index < chars.count {
      let char = chars[index]
      if char == "'" {
        index += 1
        while index < chars.count, chars[index] != "'" {
          out.append(chars[index])
          index += 1
        }
        index += 1
        continue
      }
      var run = 1
      while index + run < chars.count, chars[index + run] == char { run += 1 }
      index += run
      func padded(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
      }
      switch char {
      case "y", "u": out += run == 2 ? padded(year % 100, 2) : padded(year, run)
      case "M": out += padded(month, run)
      case "d": out += padded(day, run)
      case "H": out += padded(hour, run)
      case "h": out += padded(hour % 12 == 0 ? 12 : hour % 12, run)
      case "m": out += padded(minute, run)
      case "s": out += padded(second, run)
      case "S": out += String(padded(millis, 3).prefix(run)) + String(repeating: "0", count: max(0, run - 3))
      case "a": out += hour < 12 ? "AM" : "PM"
      case "X", "Z": out += "Z"
      default: out += String(repeating: char, count: run)
      }
    }
    return out
  }
}
