extension Timestamp {
  /// ISO-8601 text in UTC with milliseconds (`2026-11-02T09:00:00.000Z`), as Elasticsearch writes dates.
  public static func iso8601(nanoseconds: Int64) -> String {
    var milliseconds = nanoseconds / 1_000_000
    if nanoseconds < 0, nanoseconds % 1_000_000 != 0 { milliseconds -= 1 }
    var days = milliseconds / 86_400_000
    var rest = milliseconds % 86_400_000
    if rest < 0 {
      rest += 86_400_000
      days -= 1
    }
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    let hour = rest / 3_600_000
    let minute = rest / 60_000 % 60
    let second = rest / 1000 % 60
    let millisecond = rest % 1000
    // Nanoseconds in 64 bits span the years 1677 to 2262: four digits. Written digit by digit into the string's own
    // storage: interpolating padded parts made a dozen strings for each alert's times.
    return String(unsafeUninitializedCapacity: 24) { text in
      func put(_ value: Int64, width: Int, at offset: Int, then separator: UInt8) {
        var rest = value
        for position in (offset..<offset + width).reversed() {
          text[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
          rest /= 10
        }
        text[offset + width] = separator
      }
      put(year, width: 4, at: 0, then: UInt8(ascii: "-"))
      put(month, width: 2, at: 5, then: UInt8(ascii: "-"))
      put(day, width: 2, at: 8, then: UInt8(ascii: "T"))
      put(hour, width: 2, at: 11, then: UInt8(ascii: ":"))
      put(minute, width: 2, at: 14, then: UInt8(ascii: ":"))
      put(second, width: 2, at: 17, then: UInt8(ascii: "."))
      put(millisecond, width: 3, at: 20, then: UInt8(ascii: "Z"))
      return 24
    }
  }

  /// Year, month and day of a day count since 1970-01-01 in the proleptic Gregorian calendar.
  static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
