/// The processes seen recently, by pid, so that exits and the children of short-lived parents can still be
/// described after /proc has forgotten them. Bounded: past ``capacity`` the oldest entries are evicted.
public struct ProcessCache: Sendable {
  /// The most processes remembered.
  public let capacity: Int
  private var entries: [Int32: (snapshot: ProcessSnapshot, stamp: UInt64)] = [:]
  private var order: [(pid: Int32, stamp: UInt64)] = []
  private var head = 0
  private var clock: UInt64 = 0
  /// Entries evicted to stay within ``capacity``.
  public private(set) var evicted = 0

  public init(capacity: Int = 8192) { self.capacity = max(1, capacity) }

  /// Processes remembered now.
  public var count: Int { entries.count }

  /// The process last seen with this pid.
  public subscript(pid: Int32) -> ProcessSnapshot? { entries[pid]?.snapshot }

  /// Stores (or refreshes) a process.
  public mutating func insert(_ snapshot: ProcessSnapshot) {
    clock += 1
    entries[snapshot.pid] = (snapshot, clock)
    order.append((snapshot.pid, clock))
    while entries.count > capacity, head < order.count {
      let oldest = order[head]
      head += 1
      if entries[oldest.pid]?.stamp == oldest.stamp {
        entries[oldest.pid] = nil
        evicted += 1
      }
    }
    if head > 1024, head * 2 > order.count {  // drop consumed and stale slots now and then
      order = order[head...].filter { entries[$0.pid]?.stamp == $0.stamp }
      head = 0
    }
  }

  /// Forgets a process (it exited).
  public mutating func remove(_ pid: Int32) { entries[pid] = nil }
}
