import Benchmark

/// The metrics and tolerances every Vigil benchmark shares.
///
/// Each benchmark's iteration is a whole pass over the events (tens of milliseconds to seconds), so few iterations
/// are run. The checked-in thresholds (`Thresholds/*.json`) are p90 values from one run on the 2-core development
/// machine, which is shared with other work: the tolerances are wide on purpose, catching a regression of a factor,
/// not of a few percent. Compare two builds with baselines (docs/benchmarks.md) for finer differences.
public enum BenchConfiguration {
  /// Events decoded or evaluated per second of the measured part of an iteration.
  public static let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger)
  /// Alerts built and written per second of an iteration.
  public static let alertsPerSecond = BenchmarkMetric.custom("alerts/s", polarity: .prefersLarger)

  /// The metrics of every benchmark, with its rate (``eventsPerSecond`` or ``alertsPerSecond``).
  public static func metrics(rate: BenchmarkMetric) -> [BenchmarkMetric] {
    [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident, rate]
  }

  /// Relative tolerance, in percent of the threshold, at p90. Times and rates on the shared 2-core machine vary by
  /// a factor of two between runs (another build on the other core), so they flag a 3-4x regression only; malloc
  /// counts are nearly deterministic and are the tight guard (an allocation per event more shows at once).
  public static func tolerances(rate: BenchmarkMetric) -> [BenchmarkMetric: BenchmarkThresholds] {
    [
      .throughput: .init(relative: [.p90: 75.0]),
      .wallClock: .init(relative: [.p90: 200.0]),
      .mallocCountTotal: .init(relative: [.p90: 15.0]),
      .peakMemoryResident: .init(relative: [.p90: 50.0]),
      rate: .init(relative: [.p90: 75.0]),
    ]
  }

  /// A configuration for passes of `maxIterations` at most, within `seconds`, measuring `rate` besides the common
  /// metrics.
  public static func passes(
    _ maxIterations: Int, seconds: Int = 10, rate: BenchmarkMetric = eventsPerSecond
  ) -> Benchmark.Configuration {
    .init(
      metrics: metrics(rate: rate), warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(seconds),
      maxIterations: maxIterations, thresholds: tolerances(rate: rate))
  }

  /// Events (or alerts) per second, for ``eventsPerSecond`` (``alertsPerSecond``).
  public static func rate(_ events: Int, _ duration: Duration) -> Int {
    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return seconds > 0 ? Int(Double(events) / seconds) : 0
  }
}
