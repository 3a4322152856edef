import Glibc

/// The two clocks the sensors read: wall time for `@timestamp`, and the monotonic clock the kernel stamps process
/// events with. Tests pass fixed functions.
public struct SensorClock: Sendable {
  /// Nanoseconds since the Unix epoch (`CLOCK_REALTIME`).
  public var realtime: @Sendable () -> Int64
  /// Nanoseconds since boot, not counting suspend (`CLOCK_MONOTONIC`, the connector's `timestamp_ns`).
  public var monotonic: @Sendable () -> Int64

  public init(realtime: @escaping @Sendable () -> Int64, monotonic: @escaping @Sendable () -> Int64) {
    self.realtime = realtime
    self.monotonic = monotonic
  }

  /// The machine's clocks.
  public static let system = SensorClock(realtime: { read(CLOCK_REALTIME) }, monotonic: { read(CLOCK_MONOTONIC) })

  /// A clock stopped at one moment (for tests): `realtime` nanoseconds since the epoch, `monotonic` since boot.
  public static func fixed(realtime: Int64, monotonic: Int64) -> SensorClock {
    SensorClock(realtime: { realtime }, monotonic: { monotonic })
  }

  private static func read(_ id: clockid_t) -> Int64 {
    var spec = timespec()
    clock_gettime(id, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }
}
