import VigilEvents
import VigilQuery

/// One value of an ES|QL column: a single typed value, `null`, or several values (a multi-valued column).
///
/// Elasticsearch's `integer` and `long` share ``integer(_:)`` (64-bit); `keyword` and `text` share ``string(_:)``.
/// A one-element list is always stored as that element, and an empty one as ``null``: build lists with
/// ``list(_:)``.
public enum ESQLValue: Hashable, Sendable {
  case null
  case boolean(Bool)
  case integer(Int64)
  case double(Double)
  case string(String)
  /// A date as nanoseconds since the Unix epoch.
  case date(Int64)
  case ip(IPAddress)
  /// A `geo_point`.
  case geoPoint(longitude: Double, latitude: Double)
  /// A document's `_source` (`METADATA _source`), as JSON text.
  case source(String)
  /// A time span literal (`1 hour`, `7 days`), for date arithmetic and `DATE_TRUNC`.
  case timeSpan(Int64, ESQLTimeUnit)
  /// Two or more values (use ``list(_:)`` to build).
  case multi([ESQLValue])

  /// `values` as a column value: `null` when empty, the element when alone, else ``multi(_:)``.
  public static func list(_ values: [ESQLValue]) -> ESQLValue {
    if values.count == 1, !values[0].isMulti { return values[0] }
    let flat = values.contains(where: { $0.isNull || $0.isMulti }) ? values.flatMap(\.elements) : values
    switch flat.count {
    case 0: return .null
    case 1: return flat[0]
    default: return .multi(flat)
    }
  }

  /// The single values: none for `null`, one for a single value, all of a multi-value.
  public var elements: [ESQLValue] {
    switch self {
    case .null: []
    case .multi(let values): values
    default: [self]
    }
  }

  public var isNull: Bool { if case .null = self { true } else { false } }
  public var isMulti: Bool { if case .multi = self { true } else { false } }

  /// The numeric value as a double, for integers and doubles.
  var doubleValue: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }

  var stringValue: String? { if case .string(let text) = self { text } else { nil } }
}
