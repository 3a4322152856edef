extension ESQLEvaluator {
  /// The `MV_*` functions: they take the whole multi-value of their first argument.
  mutating func multiValue(_ function: ESQLScalarFunction, _ values: [ESQLValue]) -> ESQLValue {
    let elements = values[0].elements
    if elements.isEmpty && function != .mvAppend { return .null }
    switch function {
    case .mvCount: return .integer(Int64(elements.count))
    case .mvFirst: return elements[0]
    case .mvLast: return elements[elements.count - 1]
    case .mvDedupe:
      var seen = Set<ESQLValue>()
      return .list(elements.filter { seen.insert($0).inserted })
    case .mvMin: return elements.min(by: ESQLValue.sortOrder) ?? .null
    case .mvMax: return elements.max(by: ESQLValue.sortOrder) ?? .null
    case .mvSort:
      var descending = false
      if values.count > 1 {
        guard case .string(let order)? = single(values[1]) else { return .null }
        descending = order.uppercased() == "DESC"
      }
      let sorted = elements.sorted(by: ESQLValue.sortOrder)
      return .list(descending ? sorted.reversed() : sorted)
    case .mvConcat:
      guard case .string(let separator)? = single(values[1]) else { return .null }
      var parts: [String] = []
      for element in elements {
        guard case .string(let text) = element else { return .null }
        parts.append(text)
      }
      return .string(parts.joined(separator: separator))
    case .mvSum, .mvAvg:
      if elements.allSatisfy({ if case .integer = $0 { true } else { false } }), function == .mvSum {
        var total: Int64 = 0
        for case .integer(let number) in elements {
          let (sum, overflow) = total.addingReportingOverflow(number)
          if overflow {
            warnings += 1
            return .null
          }
          total = sum
        }
        return .integer(total)
      }
      let numbers = elements.compactMap(\.doubleValue)
      guard numbers.count == elements.count else { return .null }
      let total = numbers.reduce(0, +)
      return .double(function == .mvSum ? total : total / Double(numbers.count))
    case .mvSlice:
      guard case .integer(var start)? = single(values[1]) else { return .null }
      var end = start
      if values.count > 2 {
        guard case .integer(let last)? = single(values[2]) else { return .null }
        end = last
      }
      let count = Int64(elements.count)
      if start < 0 { start += count }
      if end < 0 { end += count }
      guard start >= 0, start <= end, start < count else { return .null }
      return .list(Array(elements[Int(start)...Int(min(end, count - 1))]))
    case .mvContains:
      let wanted = Set(values[1].elements)
      return .boolean(wanted.isSubset(of: Set(elements)))
    case .mvAppend:
      return .list(elements + values[1].elements)
    case .mvUnion:
      var seen = Set<ESQLValue>()
      return .list((elements + values[1].elements).filter { seen.insert($0).inserted })
    case .mvMedian:
      let numbers = elements.sorted(by: ESQLValue.sortOrder)
      let middle = numbers.count / 2
      if numbers.count % 2 == 1 { return numbers[middle] }
      switch (numbers[middle - 1], numbers[middle]) {
      case (.integer(let a), .integer(let b)): return .integer((a + b).floorDivided(by: 2))
      default:
        guard let a = numbers[middle - 1].doubleValue, let b = numbers[middle].doubleValue else { return .null }
        return .double((a + b) / 2)
      }
    case .mvIntersection:
      let other = Set(values[1].elements)
      var seen = Set<ESQLValue>()
      return .list(elements.filter { other.contains($0) && seen.insert($0).inserted })
    default:
      return .null
    }
  }
}
