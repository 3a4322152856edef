import Testing
import VigilEvents

@Suite("Timestamps")
struct TimestampTests {
  static let valid: [(String, Int64)] = [
    ("2026-11-01T00:00:00Z", 1_793_491_200_000_000_000),
    ("2026-11-01T00:00:00.003Z", 1_793_491_200_003_000_000),
    ("2026-11-01T00:00:00.1Z", 1_793_491_200_100_000_000),
    ("2026-11-01T00:00:00.123456789Z", 1_793_491_200_123_456_789),
    ("2026-11-01T00:00:00.1234567891Z", 1_793_491_200_123_456_789),
    ("2026-11-01T00:00:00,5Z", 1_793_491_200_500_000_000),
    ("2024-05-01T10:20:30+02:00", 1_714_551_630_000_000_000),
    ("2024-05-01T10:20:30+0200", 1_714_551_630_000_000_000),
    ("2024-05-01T10:20:30+02", 1_714_551_630_000_000_000),
    ("2024-05-01T12:20:30-00:00", 1_714_566_030_000_000_000),
    ("2024-05-01T04:50:30-05:30", 1_714_558_830_000_000_000),
    ("2024-05-01T10:20:30", 1_714_558_830_000_000_000),
    ("2024-05-01 10:20:30", 1_714_558_830_000_000_000),
    ("2024-05-01T10:20", 1_714_558_800_000_000_000),
    ("2024-05-01T10", 1_714_557_600_000_000_000),
    ("2024-05-01", 1_714_521_600_000_000_000),
    ("2024-05", 1_714_521_600_000_000_000),
    ("2024", 1_704_067_200_000_000_000),
    ("2024-02-29T23:59:59Z", 1_709_251_199_000_000_000),
    ("1969-12-31T23:59:59Z", -1_000_000_000),
    ("1714558830123", 1_714_558_830_123_000_000),
    ("1714558830123.5", 1_714_558_830_123_500_000),
    ("0", 0),
  ]

  static let invalid = [
    "", "x", "2024-13-01", "2023-02-29", "2024-05-01T25:00", "2024-05-01T10:61", "2024-05-01T10:20:30.Z",
    "2024-05-01T10:20:30Q", "2024-05-01T10:20:30+2", "24-05-01", "2024-5-1", "12.5.", "1e5",
  ]

  @Test("valid dates", arguments: valid)
  func parses(_ text: String, _ nanos: Int64) {
    #expect(Timestamp.parse(Array(text.utf8)) == nanos)
  }

  @Test("not dates", arguments: invalid)
  func rejects(_ text: String) {
    #expect(Timestamp.parse(Array(text.utf8)) == nil)
  }

  @Test func eventTimestampFromStringOrEpochMilliseconds() throws {
    let decoder = EventDecoder(fields: [])
    #expect(try decoder.decode(#"{"@timestamp":"2026-11-01T00:00:00.003Z"}"#).timestamp == 1_793_491_200_003_000_000)
    #expect(try decoder.decode(#"{"@timestamp":1714558830123}"#).timestamp == 1_714_558_830_123_000_000)
    #expect(try decoder.decode(#"{"@timestamp":"1714558830123"}"#).timestamp == 1_714_558_830_123_000_000)
    #expect(try decoder.decode(#"{"@timestamp":"yesterday"}"#).timestamp == nil)
    #expect(try decoder.decode(#"{"a":1}"#).timestamp == nil)
  }

  @Test func timestampOverrideFallsBackToTimestamp() throws {
    let decoder = EventDecoder(fields: ["event.ingested"])
    let ingested = decoder.catalog.id("event.ingested")
    let both = try decoder.decode(#"{"@timestamp":"2024-05-01","event":{"ingested":"2024-05-01T10:20"}}"#)
    #expect(both.timestamp(override: ingested) == 1_714_558_800_000_000_000)
    let fallback = try decoder.decode(#"{"@timestamp":"2024-05-01"}"#)
    #expect(fallback.timestamp(override: ingested) == 1_714_521_600_000_000_000)
    let invalid = try decoder.decode(#"{"@timestamp":"2024-05-01","event":{"ingested":"soon"}}"#)
    #expect(invalid.timestamp(override: ingested) == 1_714_521_600_000_000_000)
  }
}
