import Foundation
import VigilEvents
import VigilQuery

extension ESQLValue {
  /// Orders two single values of comparable types, as Elasticsearch compares them: numbers by value (integers and
  /// doubles mixed), strings by UTF-8 bytes, dates and IPs by value, `false < true`. A string compared with a date
  /// or an IP is read as one (ES|QL converts string constants implicitly). `nil` when the types do not compare.
  static func compare(_ lhs: ESQLValue, _ rhs: ESQLValue) -> Int? {
    switch (lhs, rhs) {
    case (.integer(let a), .integer(let b)): return a < b ? -1 : (a == b ? 0 : 1)
    case (.string(let a), .string(let b)): return byteOrder(a, b)
    case (.boolean(let a), .boolean(let b)): return a == b ? 0 : (!a ? -1 : 1)
    case (.date(let a), .date(let b)): return a < b ? -1 : (a == b ? 0 : 1)
    case (.ip(let a), .ip(let b)): return a < b ? -1 : (a == b ? 0 : 1)
    case (.date, .string(let text)):
      guard let time = Timestamp.parse(Array(text.utf8)) else { return nil }
      return compare(lhs, .date(time))
    case (.string(let text), .date):
      guard let time = Timestamp.parse(Array(text.utf8)) else { return nil }
      return compare(.date(time), rhs)
    case (.ip, .string(let text)):
      guard let address = IPAddress(text) else { return nil }
      return compare(lhs, .ip(address))
    case (.string(let text), .ip):
      guard let address = IPAddress(text) else { return nil }
      return compare(.ip(address), rhs)
    default:
      guard let a = lhs.doubleValue, let b = rhs.doubleValue else { return nil }
      if a.isNaN || b.isNaN { return nil }
      return a < b ? -1 : (a == b ? 0 : 1)
    }
  }

  /// -1, 0 or 1 as the UTF-8 bytes of `a` sort before, equal or after those of `b`; one `memcmp` for native
  /// strings.
  static func byteOrder(_ a: String, _ b: String) -> Int {
    let order = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y -> Int in
        let common = min(x.count, y.count)
        let bytes = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        if bytes != 0 { return bytes < 0 ? -1 : 1 }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
      }
    }
    if let order = order ?? nil { return order }
    if a.utf8.lexicographicallyPrecedes(b.utf8) { return -1 }
    return a.utf8.elementsEqual(b.utf8) ? 0 : 1
  }

  /// A total order for sorting and for `VALUES`/`MV_SORT`: comparable values by ``compare(_:_:)``, other types by a
  /// fixed rank so that the order is deterministic.
  static func sortOrder(_ lhs: ESQLValue, _ rhs: ESQLValue) -> Bool {
    if let order = compare(lhs, rhs) { return order < 0 }
    return lhs.rank < rhs.rank
  }

  private var rank: Int {
    switch self {
    case .null: 0
    case .boolean: 1
    case .integer, .double: 2
    case .string: 3
    case .date: 4
    case .ip: 5
    case .timeSpan: 6
    case .geoPoint: 7
    case .source: 8
    case .multi: 9
    }
  }
}
