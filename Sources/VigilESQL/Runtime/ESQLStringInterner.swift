import VigilQuery

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keyword strings made from events' bytes, kept so that a later event with the same bytes gets the same string
/// instead of allocating another: ES|QL rows read the same values (agent and host ids, user ids) event after event.
///
/// A direct-mapped cache by a hash of the bytes: a miss makes the string and replaces what its slot held, so memory
/// stays bounded whatever the values. Strings of up to 15 UTF-8 bytes are not kept, since Swift stores them inline
/// without allocating.
struct ESQLStringInterner {
  /// The number of slots, a power of two.
  static let capacity = 4096
  /// Made on first use: most caches (a run's own, when the caller shares one) never intern a string.
  private var slots: [String?] = []

  /// The text of `bytes` (invalid UTF-8 repaired, as `String(decoding:as:)` does).
  mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
    guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
    if slots.isEmpty { slots = Array(repeating: nil, count: Self.capacity) }
    let slot = Int(truncatingIfNeeded: ByteHash.hash(bytes)) & (Self.capacity - 1)
    if let kept = slots[slot], Self.has(kept, bytes) { return kept }
    let made = String(decoding: bytes, as: UTF8.self)
    slots[slot] = made
    return made
  }

  /// Whether the UTF-8 of `text` is exactly `bytes`; a repaired string never is, so it is made again each time.
  private static func has(_ text: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard text.utf8.count == bytes.count else { return false }
    let equal = text.utf8.withContiguousStorageIfAvailable { utf8 in
      memcmp(utf8.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }
    return equal ?? false
  }
}
