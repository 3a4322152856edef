import Foundation

/// Geo points: WKT parsing and the distance `ST_DISTANCE` measures.
enum ESQLGeo {
  /// The mean Earth radius Elasticsearch uses for arc distances, in meters.
  static let earthRadius = 6_371_008.7714

  /// `POINT (lon lat)` (case-insensitive, optional space before the parenthesis).
  static func parseWKT(_ text: String) -> ESQLValue? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.uppercased().hasPrefix("POINT"), let open = trimmed.firstIndex(of: "("),
      let close = trimmed.lastIndex(of: ")"), open < close
    else { return nil }
    let parts = trimmed[trimmed.index(after: open)..<close].split(separator: " ").compactMap { Double($0) }
    guard parts.count == 2 else { return nil }
    return .geoPoint(longitude: parts[0], latitude: parts[1])
  }

  /// The haversine distance in meters between two points.
  static func distance(_ a: (longitude: Double, latitude: Double), _ b: (longitude: Double, latitude: Double)) -> Double
  {
    let lat1 = a.latitude * .pi / 180
    let lat2 = b.latitude * .pi / 180
    let dLat = lat2 - lat1
    let dLon = (b.longitude - a.longitude) * .pi / 180
    let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1) * cos(lat2) * sin(dLon / 2) * sin(dLon / 2)
    return 2 * earthRadius * asin(min(1, sqrt(h)))
  }
}
