extension EQLSequenceMatcher {
  /// The partial sequences of one stage in the order they were stored, oldest first, for evicting the oldest when
  /// the stage is full. Entries go stale when their partial sequence moves on, expires or is replaced; they are
  /// skipped when met and dropped in bulk when they outnumber the live ones, so every operation is amortised O(1).
  struct StageQueue {
    struct Entry {
      var key: JoinKey
      /// The matcher's clock when the partial sequence was stored: it is live while the stage still holds a partial
      /// sequence for `key` with this `lastOrdinal`.
      var ordinal: Int
    }

    private var entries: [Entry] = []
    private var head = 0

    mutating func append(_ key: JoinKey, ordinal: Int) {
      entries.append(Entry(key: key, ordinal: ordinal))
    }

    /// Removes and returns the oldest live entry, skipping stale ones.
    mutating func popOldest(isLive: (Entry) -> Bool) -> Entry? {
      while head < entries.count {
        let entry = entries[head]
        head += 1
        if isLive(entry) {
          compactIfSparse()
          return entry
        }
      }
      entries.removeAll(keepingCapacity: true)
      head = 0
      return nil
    }

    /// Drops stale entries once they are most of the queue (`live` entries remain).
    mutating func compact(live: Int, isLive: (Entry) -> Bool) {
      guard entries.count - head > 2 * live + 64 else { return }
      entries = entries[head...].filter(isLive)
      head = 0
    }

    private mutating func compactIfSparse() {
      guard head > 1024, head * 2 > entries.count else { return }
      entries.removeFirst(head)
      head = 0
    }
  }
}
