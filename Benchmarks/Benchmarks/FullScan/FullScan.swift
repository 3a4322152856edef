import BenchSupport
import Benchmark
import VigilEngine
import VigilEvents
import VigilIO

// A full scan as `vigil scan` runs it, but for compiling the rules (done once, at setup) and writing the alerts:
// read the file in chunks, decode each line with the fields the rules use, evaluate the compiled corpus rule set,
// finish (pending sequences, thresholds), and build every alert's JSON line.

nonisolated(unsafe) var ruleSet: CompiledRuleSet?
nonisolated(unsafe) var eventsPath = ""

let benchmarks: @Sendable () -> Void = {
  if let reason = BenchData.missing(needsRules: true) {
    BenchData.skipping("FullScan benchmarks", because: reason)
    return
  }
  Benchmark(
    "FullScanCorpus", configuration: BenchConfiguration.passes(10, seconds: 30),
    closure: { benchmark in
      guard let ruleSet else { return }
      // `vigil scan`'s default reorder window (one minute), so that the buffer's work is measured too.
      let engine = ScanEngine(ruleSet: ruleSet, reorderWindowSeconds: 60)
      let reader = EventReader(decoder: EventDecoder(catalog: ruleSet.catalog))
      var alertBytes = 0
      let clock = ContinuousClock()
      benchmark.startMeasurement()
      let started = clock.now
      do {
        try reader.read(.file(eventsPath)) { event in engine.process(event) { alertBytes &+= $0.jsonLine.count } }
      } catch {
        fatalError("reading \(eventsPath): \(error)")
      }
      engine.finish { alertBytes &+= $0.jsonLine.count }
      let elapsed = clock.now - started
      benchmark.stopMeasurement()
      blackHole(alertBytes)
      benchmark.measurement(
        BenchConfiguration.eventsPerSecond, BenchConfiguration.rate(engine.statistics.events, elapsed))
    },
    setup: {
      eventsPath = try BenchData.eventsFile()
      let compiled = try BenchData.compileRules()
      ruleSet = compiled
      print("FullScan: \(compiled.rules.count) rules compiled (\(compiled.skipped.count) skipped), \(eventsPath)")
    },
    teardown: { ruleSet = nil })
}
