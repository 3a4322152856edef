import VigilEvents
import VigilQuery

/// Two independent 64-bit hashes (FNV-1a from two offsets, over each value's UTF-8 bytes and length) of a value
/// combination: what stateful tables keep instead of the values (new-terms histories, threshold groups, the ids of
/// alerts written).
struct Fingerprint: Hashable {
  let first: UInt64
  let second: UInt64

  init(_ values: [String]) {
    var builder = Builder()
    for value in values { builder.add(value.utf8) }
    self = builder.fingerprint
  }

  /// Computes a fingerprint value by value, from any bytes: the same as ``init(_:)`` of the values' strings.
  struct Builder {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x8422_2325_cbf2_9ce4

    /// Adds the next value, given by its UTF-8 bytes.
    mutating func add(_ bytes: some Sequence<UInt8>) {
      var length: UInt64 = 0
      for byte in bytes {
        first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 ^ (second >> 29)
        length += 1
      }
      // The length closes each value, so ["ab", "c"] and ["a", "bc"] differ.
      first = (first ^ length) &* 0x0000_0100_0000_01b3
      second = (second ^ (length &+ 0x9e37_79b9)) &* 0x0000_0100_0000_01b3
    }

    var fingerprint: Fingerprint { Fingerprint(first: first, second: second) }
  }

  private init(first: UInt64, second: UInt64) {
    self.first = first
    self.second = second
  }
}

extension Fingerprint {
  /// Calls `body` with each combination of one keyword value per field of `fields` in `event` (none when a field
  /// has no value): its fingerprint, and a function making its values' strings.
  ///
  /// An event with one value in each field, as most have, is fingerprinted from its bytes, and makes strings only
  /// when `body` asks for them; arrays go through the strings of every combination.
  static func forEachCombination(
    of fields: [FieldID], in event: Event, _ body: (Fingerprint, () -> [String]) -> Void
  ) {
    if let key = Fingerprint(singleValuesOf: fields, in: event) {
      body(key) { fields.map { event.keywordTexts($0)[0] } }
      return
    }
    for combination in ScanEngine.combinations(fields.map { event.keywordTexts($0) }) {
      body(Fingerprint(combination)) { combination }
    }
  }

  /// The fingerprint of the one combination of `fields` in `event`, computed from the event's bytes, when each field
  /// has exactly one keyword value (`nil` otherwise): the same as that of the strings of those values.
  private init?(singleValuesOf fields: [FieldID], in event: Event) {
    var builder = Builder()
    for field in fields {
      var count = 0
      _ = event.containsValue(field) { value in
        let text: Void? = FieldCondition.withKeywordText(value, in: event) { bytes in
          if count == 0 { builder.add(bytes) }
        }
        if text != nil { count += 1 }
        return count > 1
      }
      guard count == 1 else { return nil }
    }
    self = builder.fingerprint
  }

  /// Calls `body` with the fingerprint of each keyword value of `field` in `event`, as ``init(_:)`` of its string
  /// alone.
  static func forEachKeywordValue(of field: FieldID, in event: Event, _ body: (Fingerprint) -> Void) {
    _ = event.containsValue(field) { value in
      _ = FieldCondition.withKeywordText(value, in: event) { bytes in
        var builder = Builder()
        builder.add(bytes)
        body(builder.fingerprint)
      }
      return false
    }
  }
}
