import TOMLKit

extension RuleValue {
  /// Copies a TOMLKit value tree.
  init(_ value: any TOMLValueConvertible) {
    switch value.type {
    case .string: self = .string(value.string ?? "")
    case .int: self = .integer(Int64(value.int ?? 0))
    case .double: self = .float(value.double ?? 0)
    case .bool: self = .bool(value.bool ?? false)
    case .date, .time, .dateTime: self = .datetime(value.debugDescription)
    case .array: self = .array(value.array.map { $0.map { RuleValue($0) } } ?? [])
    case .table: self = .table(value.table.map { RuleValue.dictionary(of: $0) } ?? [:])
    }
  }

  static func dictionary(of table: TOMLTable) -> [String: RuleValue] {
    var result: [String: RuleValue] = [:]
    for key in table.keys {
      if let value = table[key] { result[key] = RuleValue(value) }
    }
    return result
  }
}
