/// The running state of one aggregate function over the rows of one group.
enum ESQLAccumulator {
  case count(Int64)
  /// `COUNT_DISTINCT` and `VALUES`: the distinct values seen.
  case distinct(ESQLDistinctValues)
  case minimum(ESQLValue?)
  case maximum(ESQLValue?)
  /// `SUM` of integers (`overflowed` once past 64 bits) or, once a double is seen, of doubles.
  case sum(integer: Int64, double: Double, isDouble: Bool, seen: Bool, overflowed: Bool)
  case average(total: Double, count: Int64)
  /// `TOP(field, limit, order)`: every value seen, cut at the end.
  case all([ESQLValue])
  /// `FIRST(value, sort)` / `LAST(value, sort)`: the value of the row with the smallest (largest) sort key.
  case byKey(key: ESQLValue?, value: ESQLValue, last: Bool)

  /// The empty state of an aggregate function (upper-cased name).
  init(_ function: String) {
    switch function {
    case "COUNT": self = .count(0)
    case "COUNT_DISTINCT", "VALUES": self = .distinct(ESQLDistinctValues())
    case "MIN": self = .minimum(nil)
    case "MAX": self = .maximum(nil)
    case "SUM": self = .sum(integer: 0, double: 0, isDouble: false, seen: false, overflowed: false)
    case "AVG": self = .average(total: 0, count: 0)
    case "FIRST", "LAST": self = .byKey(key: nil, value: .null, last: function == "LAST")
    default: self = .all([])
    }
  }

  /// Adds a row's value for `FIRST`/`LAST`, with its sort key (rows with a `null` or multi-valued key are
  /// skipped; the first row seen wins a tie).
  mutating func add(_ value: ESQLValue, key: ESQLValue) {
    guard case .byKey(let current, _, let last) = self, !key.isNull, !key.isMulti else { return }
    if let current {
      guard let order = ESQLValue.compare(key, current), last ? order > 0 : order < 0 else { return }
    }
    self = .byKey(key: key, value: value, last: last)
  }

  /// Adds a row's value of the argument (every element of a multi-value; `COUNT(*)` passes `true`).
  mutating func add(_ value: ESQLValue) {
    switch value {
    case .null: return
    case .multi(let elements): for element in elements { add(element: element) }
    default: add(element: value)
    }
  }

  /// Adds one single value. Collections are moved out of `self` before they grow, so that they are not copied.
  private mutating func add(element: ESQLValue) {
    switch self {
    case .count(let count): self = .count(count + 1)
    case .distinct(let values): values.add(element)
    case .minimum(let current):
      if current.map({ ESQLValue.sortOrder(element, $0) }) ?? true { self = .minimum(element) }
    case .maximum(let current):
      if current.map({ ESQLValue.sortOrder($0, element) }) ?? true { self = .maximum(element) }
    case .sum(var integer, var double, var isDouble, _, var overflowed):
      switch element {
      case .integer(let number):
        let (total, overflow) = integer.addingReportingOverflow(number)
        integer = total
        overflowed = overflowed || overflow
        double += Double(number)
      case .double(let number):
        double += number
        isDouble = true
      default: return
      }
      self = .sum(integer: integer, double: double, isDouble: isDouble, seen: true, overflowed: overflowed)
    case .average(let total, let count):
      guard let number = element.doubleValue else { return }
      self = .average(total: total + number, count: count + 1)
    case .all(var values):
      self = .count(0)
      values.append(element)
      self = .all(values)
    case .byKey: return
    }
  }

  /// The aggregate's value; `warnings` counts a `SUM` overflow.
  func result(_ function: String, options: [ESQLValue], warnings: inout Int) -> ESQLValue {
    switch self {
    case .count(let count): return .integer(count)
    case .distinct(let values):
      if function == "COUNT_DISTINCT" { return .integer(Int64(values.set.count)) }
      return .list(values.set.sorted(by: ESQLValue.sortOrder))
    case .minimum(let value), .maximum(let value): return value ?? .null
    case .sum(let integer, let double, let isDouble, let seen, let overflowed):
      guard seen else { return .null }
      if isDouble { return .double(double) }
      if overflowed {
        warnings += 1
        return .null
      }
      return .integer(integer)
    case .average(let total, let count): return count == 0 ? .null : .double(total / Double(count))
    case .byKey(_, let value, _): return value
    case .all(let values):
      guard function == "TOP", case .integer(let limit)? = options.first else { return .null }
      let descending = options.count > 1 && options[1].stringValue?.uppercased() == "DESC"
      let sorted = values.sorted(by: ESQLValue.sortOrder)
      return .list(Array((descending ? sorted.reversed() : sorted).prefix(Int(max(0, limit)))))
    }
  }
}

/// The distinct values of a `COUNT_DISTINCT` or `VALUES` (one set for both, when they read the same values), changed
/// in place: a class, as taking a set out of an enum's payload to test a value copied the accumulator for every row.
///
/// A group's accumulators are its own (``ESQLGroups`` makes them and never copies a group's), so sharing the set by
/// reference changes no result.
final class ESQLDistinctValues {
  private(set) var set: Set<ESQLValue> = []
  /// The value added last (`null` before any), which rows of a group often repeat: comparing it costs less than
  /// hashing.
  private var latest: ESQLValue = .null

  func add(_ element: ESQLValue) {
    guard element != latest else { return }
    set.insert(element)
    latest = element
  }
}
