import VigilQuery

/// One sequence found by ``EQLSequenceMatcher``: its join key values and its events, in sequence order.
public struct EQLSequenceMatch: Hashable, Sendable {
  /// The join key values (`null` for a missing optional key), in key order.
  public var joinKeys: [ScalarValue]
  /// The caller's ids of the events, one per step (`runs` steps repeated); `nil` for a missing event (`![…]`).
  public var events: [Int?]
  /// The first event's timestamp (nanoseconds) and id, for ordering results.
  public var start: (timestamp: Int64, id: Int) { (startTimestamp, events.lazy.compactMap { $0 }.first ?? 0) }
  var startTimestamp: Int64

  public init(joinKeys: [ScalarValue], events: [Int?], startTimestamp: Int64) {
    self.joinKeys = joinKeys
    self.events = events
    self.startTimestamp = startTimestamp
  }
}
