import Synchronization

/// What a matcher compiled for a key, kept for the life of the process and shared by every thread: a rule pack
/// repeats patterns (deprecated rules and their successors, index patterns), and compiling it lowers each rule twice
/// (see `CompiledRuleSet.compile`) after checking it once.
///
/// Only compile-time code fills it, so it grows with the rules read, not with the events.
final class CompiledCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private let entries = Mutex<[Key: Value]>([:])

  /// The value kept for `key`, if any.
  func value(for key: Key) -> Value? { entries.withLock { $0[key] } }

  /// Keeps `value` for `key`.
  func keep(_ value: Value, for key: Key) { entries.withLock { $0[key] = value } }
}
