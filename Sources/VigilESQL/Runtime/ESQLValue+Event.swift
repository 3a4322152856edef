import Foundation
import VigilEvents
import VigilQuery

extension ESQLValue {
  /// The column value of a document field, typed by the schema (`type`) or, for an unmapped field, by each JSON
  /// value's type (strings as keywords, integers as longs, other numbers as doubles).
  ///
  /// Multi-values come back as Elasticsearch reads them from doc values: keywords, IPs and booleans sorted (keywords
  /// and IPs also deduplicated), numbers and dates sorted; `text` fields keep document order. Values that do not fit
  /// the type are left out, as a mapping with `ignore_malformed` would; objects and geo types are `null` (ES|QL
  /// does not load them). A `caseless` field's values are its parent's (`id`), lower-cased as `TO_LOWER` does.
  /// Keyword strings come from `strings`, which keeps them for the next events.
  static func field(
    _ id: FieldID, type: FieldType?, caseless: Bool = false, in event: Event, strings: inout ESQLStringInterner
  ) -> ESQLValue {
    if type == .geoPoint { return geoPoint(id, in: event) }
    // A single value (the common case) is returned without building an array.
    var first: ESQLValue?
    var values: [ESQLValue] = []
    for value in event.values(id) {
      guard var converted = convert(value, type: type ?? FieldType.inferred(from: value), in: event, strings: &strings)
      else { continue }
      if caseless, case .string(let text) = converted { converted = .string(text.lowercased()) }
      if first == nil, values.isEmpty {
        first = converted
        continue
      }
      if let earlier = first {
        // Most multi-values are short: one buffer rather than growing from one element.
        values.reserveCapacity(4)
        values.append(earlier)
        first = nil
      }
      values.append(converted)
    }
    if let first { return first }
    if values.count > 1 {
      switch type {
      case .text?, .matchOnlyText?: break
      case .keyword?, .constantKeyword?, .wildcard?, .ip?, .flattened?:
        removeRepeats(&values)
        values.sort(by: sortOrder)
      case nil where values.allSatisfy({ $0.stringValue != nil }):
        removeRepeats(&values)
        values.sort(by: sortOrder)
      default: values.sort(by: sortOrder)
      }
    }
    return .list(values)
  }

  /// Removes the repeats from `values`, keeping the first of equal values, as a set built from them keeps it. A few
  /// values (a field's usual count) are compared pairwise in place: building a set, or a second array, per event
  /// cost more than the comparisons.
  private static func removeRepeats(_ values: inout [ESQLValue]) {
    guard values.count <= 8 else {
      values = Array(Set(values))
      return
    }
    var kept = 1
    for position in 1..<values.count where !values[..<kept].contains(values[position]) {
      values.swapAt(kept, position)
      kept += 1
    }
    values.removeLast(values.count - kept)
  }

  private static func convert(
    _ value: Value, type: FieldType?, in event: Event, strings: inout ESQLStringInterner
  ) -> ESQLValue? {
    guard let type else { return nil }
    switch value {
    case .null, .object: return nil
    default: break
    }
    if type.isKeyword || type.isText || type == .flattened {
      switch value {
      case .string(let span), .number(let span): return .string(event.withBytes(span) { strings.string($0) })
      case .int(let number): return .string(String(number))
      case .double(let number): return .string(ESQLValue.javaText(number))
      case .bool(let flag): return .string(flag ? "true" : "false")
      default: return nil
      }
    }
    if type.isInteger {
      switch value {
      case .int(let number): return .integer(number)
      case .double(let number): return number.rounded(.towardZero).exactInt64.map(ESQLValue.integer)
      case .string, .number: return event.string(value).flatMap { Int64($0) }.map(ESQLValue.integer)
      default: return nil
      }
    }
    if type.isNumeric {
      switch value {
      case .int(let number): return .double(Double(number))
      case .double(let number): return .double(number)
      case .string, .number: return event.string(value).flatMap { Double($0) }.map(ESQLValue.double)
      default: return nil
      }
    }
    switch type {
    case .date, .dateNanos:
      switch value {
      case .int(let millis): return Timestamp.fromEpochMilliseconds(millis).map(ESQLValue.date)
      case .string(let span): return Timestamp.parse(event.bytes(span)).map(ESQLValue.date)
      default: return nil
      }
    case .boolean:
      switch value {
      case .bool(let flag): return .boolean(flag)
      case .string: return event.string(value).flatMap { Bool($0) }.map(ESQLValue.boolean)
      default: return nil
      }
    case .ip:
      return event.string(value).flatMap { IPAddress($0) }.map(ESQLValue.ip)
    default:
      return nil
    }
  }
}

extension ESQLValue {
  /// A `geo_point` in any of its JSON forms: `{"lat": …, "lon": …}`, `[lon, lat]`, `"lat,lon"`,
  /// `"POINT (lon lat)"`.
  static func geoPoint(_ id: FieldID, in event: Event) -> ESQLValue {
    var numbers: [Double] = []
    var points: [ESQLValue] = []
    for value in event.values(id) {
      switch value {
      case .int(let number): numbers.append(Double(number))
      case .double(let number): numbers.append(number)
      case .string:
        guard let text = event.string(value) else { continue }
        if let point = ESQLGeo.parseWKT(text) {
          points.append(point)
        } else {
          let parts = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
          if parts.count == 2 { points.append(.geoPoint(longitude: parts[1], latitude: parts[0])) }
        }
      case .object:
        guard let text = event.string(value), let node = ESQLJSON.parse(text),
          case .number(let latitude, _)? = node.member("lat"), case .number(let longitude, _)? = node.member("lon")
        else { continue }
        points.append(.geoPoint(longitude: longitude, latitude: latitude))
      default: continue
      }
    }
    if numbers.count == 2 { points.append(.geoPoint(longitude: numbers[0], latitude: numbers[1])) }
    return .list(points)
  }
}
