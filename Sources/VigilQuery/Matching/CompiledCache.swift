import Synchronization

/// What a matcher compiled for a key, kept for the life of the process and shared by every thread: a rule pack
/// repeats patterns (deprecated rules and their successors, index patterns), and compiling it lowers each rule twice
/// (see `CompiledRuleSet.compile`) after checking it once.
///
/// Only compile-time code fills it, so it grows with the rules read, not with the events.
final class CompiledCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private let entries = Mutex<[Key: Value]>([:])

  /// The value kept for `key`, else the one `make` makes, kept for the next call. Made outside the lock: two threads
  /// may both make a missing value, and either is kept.
  func value<Failure: Error>(for key: Key, orMake make: () throws(Failure) -> Value) throws(Failure) -> Value {
    if let known = entries.withLock({ $0[key] }) { return known }
    let made = try make()
    entries.withLock { $0[key] = made }
    return made
  }
}
