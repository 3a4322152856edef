import Foundation

extension ESQLEvaluator {
  /// `POW`, `SQRT`, `LOG10`, `LOG`, `SIGNUM`: doubles (Elasticsearch returns `double`); undefined results (the
  /// logarithm of 0 or a negative number, the square root of a negative number) give `null` and a warning.
  mutating func math(_ function: ESQLScalarFunction, _ values: [ESQLValue]) -> ESQLValue {
    var numbers: [Double] = []
    for value in values {
      guard let number = single(value)?.doubleValue else { return .null }
      numbers.append(number)
    }
    let result: Double
    switch function {
    case .pow: result = pow(numbers[0], numbers[1])
    case .sqrt: result = numbers[0] < 0 ? .nan : numbers[0].squareRoot()
    case .log10: result = numbers[0] <= 0 ? .nan : log10(numbers[0])
    case .log:
      if numbers.count == 1 {
        result = numbers[0] <= 0 ? .nan : Foundation.log(numbers[0])
      } else {
        result = numbers[0] <= 0 || numbers[1] <= 0 ? .nan : Foundation.log(numbers[1]) / Foundation.log(numbers[0])
      }
    default: result = numbers[0] > 0 ? 1 : (numbers[0] < 0 ? -1 : 0)
    }
    guard result.isFinite else {
      warnings += 1
      return .null
    }
    return .double(result)
  }

  /// `DATE_EXTRACT(part, date)`, `DAY_NAME(date)`, `MONTH_NAME(date)`, in UTC.
  mutating func dateParts(_ function: ESQLScalarFunction, _ values: [ESQLValue]) -> ESQLValue {
    guard case .date(let time)? = single(values[function == .dateExtract ? 1 : 0]) else { return .null }
    let millis = time.floorDivided(by: ESQLDates.nanosPerMilli)
    let civil = CivilTime(milliseconds: millis)
    switch function {
    case .dayName:
      let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
      return .string(days[Int(civil.dayOfWeek) - 1])
    case .monthName:
      let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
      ]
      return .string(months[Int(civil.month) - 1])
    default:
      guard case .string(let part)? = single(values[0]) else { return .null }
      let dayOfYear = civil.daysSinceEpoch - CivilTime(year: civil.year, month: 1, day: 1).daysSinceEpoch + 1
      switch part.lowercased() {
      case "year": return .integer(civil.year)
      case "month_of_year": return .integer(civil.month)
      case "day_of_month": return .integer(civil.day)
      case "day_of_week": return .integer(civil.dayOfWeek)
      case "day_of_year": return .integer(dayOfYear)
      case "hour_of_day": return .integer(civil.millisOfDay / 3_600_000)
      case "minute_of_hour": return .integer(civil.millisOfDay / 60_000 % 60)
      case "minute_of_day": return .integer(civil.millisOfDay / 60_000)
      case "second_of_minute": return .integer(civil.millisOfDay / 1000 % 60)
      case "second_of_day": return .integer(civil.millisOfDay / 1000)
      case "milli_of_second": return .integer(civil.millisOfDay % 1000)
      case "epoch_day": return .integer(civil.daysSinceEpoch)
      default:
        warnings += 1
        return .null
      }
    }
  }
}
