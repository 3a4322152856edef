/// Counts process-connector messages lost between the kernel and us, from gaps in the per-CPU sequence numbers.
///
/// The kernel numbers events with a counter per CPU, so each CPU's numbers are checked on their own. The first
/// number seen on a CPU starts its count; a number lower than expected (a restart or wrap) starts it again.
public struct SequenceTracker: Sendable, Equatable {
  private var next: [UInt32: UInt32] = [:]
  /// Messages known to be lost so far.
  public private(set) var lost: UInt64 = 0

  public init() {}

  /// Records a message's sequence number; returns how many messages before it were lost.
  @discardableResult
  public mutating func record(cpu: UInt32, sequence: UInt32) -> UInt32 {
    defer { next[cpu] = sequence &+ 1 }
    guard let expected = next[cpu], sequence > expected else { return 0 }
    let gap = sequence - expected
    lost += UInt64(gap)
    return gap
  }
}
