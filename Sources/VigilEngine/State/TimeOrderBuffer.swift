/// Puts events back in time order within a window of event time: an element comes out once an element at least
/// `window` later has arrived, earliest first (ties in arrival order). Elements arriving later than that are "late":
/// the caller runs them at once, out of order, and counts them.
///
/// Entries that arrive in time order (each at or after the last one so held) queue in `run`; only the others go
/// to a heap, so sorted input (the usual case) comes out in constant time per element, where sifting a heap of a
/// minute of events cost a cache miss per level. The heap orders plain keys; the elements stay put in slots, so
/// sifting moves three integers instead of copying (and retaining) elements.
struct TimeOrderBuffer<Element> {
  private struct Entry {
    var time: Int64
    var arrival: Int
    /// The element's position in `slots`.
    var slot: Int

    func precedes(_ other: Entry) -> Bool { (time, arrival) < (other.time, other.arrival) }
  }

  let windowNanoseconds: Int64
  /// Most elements held; past it the earliest leave early.
  let capacity: Int
  private var heap: [Entry] = []
  /// Entries in time order, the first at `runStart`.
  private var run: [Entry] = []
  private var runStart = 0
  private var slots: [Element?] = []
  /// Positions in `slots` free for reuse.
  private var freeSlots: [Int] = []
  private var arrivals = 0
  /// The latest time seen.
  private(set) var latest = Int64.min
  /// The time of the last element that came out: anything earlier is late.
  private(set) var released = Int64.min

  init(windowNanoseconds: Int64, capacity: Int) {
    self.windowNanoseconds = windowNanoseconds
    self.capacity = capacity
  }

  /// Whether an element at `time` arrives too late to be put in order.
  func isLate(_ time: Int64) -> Bool { time < released }

  /// Notes that an event at `time` was read, which may let held elements out.
  mutating func observe(_ time: Int64) { latest = max(latest, time) }

  /// Holds `element`, which happened at `time`.
  mutating func insert(_ element: consuming Element, at time: Int64) {
    observe(time)
    let slot: Int
    if let free = freeSlots.popLast() {
      slot = free
      slots[slot] = element
    } else {
      slot = slots.count
      slots.append(element)
    }
    let entry = Entry(time: time, arrival: arrivals, slot: slot)
    arrivals += 1
    if runStart == run.count || run[run.count - 1].time <= time {
      run.append(entry)
    } else {
      heap.append(entry)
      siftUp(heap.count - 1)
    }
  }

  /// The number of elements held.
  var count: Int { heap.count + run.count - runStart }

  /// The next element whose turn has come (all of them with `draining`), or `nil`.
  mutating func next(draining: Bool = false) -> Element? {
    let fromRun: Bool
    switch (heap.first, runStart < run.count) {
    case (nil, false): return nil
    case (nil, true): fromRun = true
    case (let top?, let hasRun): fromRun = hasRun && run[runStart].precedes(top)
    }
    let first = fromRun ? run[runStart] : heap[0]
    guard draining || count > capacity || first.time <= latest &- windowNanoseconds else { return nil }
    released = max(released, first.time)
    if fromRun {
      popRun()
    } else {
      let last = heap.removeLast()
      if !heap.isEmpty {
        heap[0] = last
        siftDown(0)
      }
    }
    freeSlots.append(first.slot)
    return slots[first.slot].take()
  }

  /// Removes the run's first entry; the entries before `runStart` are dropped once they are half the array.
  private mutating func popRun() {
    runStart += 1
    if runStart == run.count {
      run.removeAll(keepingCapacity: true)
      runStart = 0
    } else if runStart >= 1024, runStart * 2 >= run.count {
      run.removeFirst(runStart)
      runStart = 0
    }
  }

  private mutating func siftUp(_ index: Int) {
    var child = index
    while child > 0 {
      let parent = (child - 1) / 2
      guard heap[child].precedes(heap[parent]) else { return }
      heap.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ index: Int) {
    var parent = index
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      var smallest = left
      if left + 1 < heap.count, heap[left + 1].precedes(heap[left]) { smallest = left + 1 }
      guard heap[smallest].precedes(heap[parent]) else { return }
      heap.swapAt(smallest, parent)
      parent = smallest
    }
  }
}
