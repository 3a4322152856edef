/// The unit of a time-span literal such as `15 minutes` or `7 days`.
///
/// Units up to `hour` make a fixed duration (ES|QL's `time_duration`); `day` and longer make a calendar period
/// (`date_period`).
public enum ESQLTimeUnit: String, Hashable, Sendable, CaseIterable {
  case millisecond, second, minute, hour, day, week, month, quarter, year

  /// The unit a (case-insensitive) unit word names, accepting Elasticsearch's spellings and abbreviations.
  public init?(word: String) {
    switch word.lowercased() {
    case "millisecond", "milliseconds", "ms": self = .millisecond
    case "second", "seconds", "sec", "s": self = .second
    case "minute", "minutes", "min", "m": self = .minute
    case "hour", "hours", "h": self = .hour
    case "day", "days", "d": self = .day
    case "week", "weeks", "w": self = .week
    case "month", "months", "mo": self = .month
    case "quarter", "quarters", "q": self = .quarter
    case "year", "years", "yr", "y": self = .year
    default: return nil
    }
  }

  /// Whether the unit makes a calendar period (day and longer) rather than a fixed duration.
  public var isCalendarPeriod: Bool {
    switch self {
    case .millisecond, .second, .minute, .hour: false
    case .day, .week, .month, .quarter, .year: true
    }
  }

  /// The length of one unit in milliseconds, for fixed durations; `nil` for calendar periods.
  public var milliseconds: Int64? {
    switch self {
    case .millisecond: 1
    case .second: 1_000
    case .minute: 60_000
    case .hour: 3_600_000
    case .day, .week, .month, .quarter, .year: nil
    }
  }
}
