import Foundation
import Testing
import VigilEvents

/// Alert times are written as Elasticsearch writes dates: UTC, milliseconds, `Z`.
struct TimestampFormattingTests {
  /// The text Foundation's Gregorian calendar gives for `milliseconds` since the epoch.
  static func reference(_ milliseconds: Int64) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let (seconds, millisecond) = milliseconds.quotientAndRemainder(dividingBy: 1000)
    let flooredSeconds = millisecond < 0 ? seconds - 1 : seconds
    let date = Date(timeIntervalSince1970: TimeInterval(flooredSeconds))
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
      parts.second!, Int((millisecond + 1000) % 1000))
  }

  /// The milliseconds whose nanoseconds fit in 64 bits (1677 to 2262).
  static let range: ClosedRange<Int64> = (Int64.min / 1_000_000 + 1)...(Int64.max / 1_000_000 - 1)

  @Test func matchesTheCalendarOverTheWholeRange() {
    // 1970 and the instants around it, a leap day, the ends of the range, and a spread in between.
    var instants: [Int64] = [
      0, -1, 1, 999, -999, -1000, 951_782_400_000, 4_107_542_399_999, Self.range.lowerBound, Self.range.upperBound,
    ]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 { instants.append(Int64.random(in: Self.range, using: &generator)) }
    for milliseconds in instants {
      let nanoseconds = milliseconds * 1_000_000 + Int64.random(in: 0..<1_000_000, using: &generator)
      #expect(Timestamp.iso8601(nanoseconds: nanoseconds) == Self.reference(milliseconds), "\(nanoseconds)")
    }
  }

  @Test func knownInstants() {
    #expect(Timestamp.iso8601(nanoseconds: 1_793_491_200_003_000_000) == "2026-11-01T00:00:00.003Z")
    #expect(Timestamp.iso8601(nanoseconds: -1) == "1969-12-31T23:59:59.999Z")
    #expect(Timestamp.iso8601(nanoseconds: 951_782_400_000_000_000) == "2000-02-29T00:00:00.000Z")
  }
}
