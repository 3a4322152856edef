/// How Elasticsearch's EQL orders events: by time, then the tiebreaker (numbers by value, else as text; events
/// without one last), then input order.
struct EQLEventOrder: Comparable {
  var time: Int64
  var tiebreaker: String?
  var index: Int

  static func < (lhs: EQLEventOrder, rhs: EQLEventOrder) -> Bool {
    if lhs.time != rhs.time { return lhs.time < rhs.time }
    switch (lhs.tiebreaker, rhs.tiebreaker) {
    case (let left?, let right?) where left != right:
      if let a = Double(left), let b = Double(right) { return a < b }
      return left < right
    case (.some, nil): return true
    case (nil, .some): return false
    default: return lhs.index < rhs.index
    }
  }
}
