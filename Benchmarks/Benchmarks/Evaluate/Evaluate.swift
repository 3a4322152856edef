import BenchSupport
import Benchmark
import VigilEngine
import VigilEvents

// Evaluation: the compiled corpus rule set over events decoded beforehand, through the engine's public API
// (`ScanEngine.process`, then `finish`), building every alert's JSON line as `vigil scan` does before writing it.
// Each iteration starts a new engine (outside the measured part), since the engine keeps state across events:
// sequences, thresholds, new terms and max_signals budgets. Also: compiling the rule set.

nonisolated(unsafe) var ruleSet: CompiledRuleSet?
nonisolated(unsafe) var events: [Event] = []

let benchmarks: @Sendable () -> Void = {
  if let reason = BenchData.missing(needsRules: true) {
    BenchData.skipping("Evaluate benchmarks", because: reason)
    return
  }
  Benchmark(
    "EvaluateCorpus", configuration: BenchConfiguration.passes(10, seconds: 30),
    closure: { benchmark in
      guard let ruleSet else { return }
      let engine = ScanEngine(ruleSet: ruleSet)
      var alertBytes = 0
      let clock = ContinuousClock()
      benchmark.startMeasurement()
      let started = clock.now
      for event in events { engine.process(event) { alertBytes &+= $0.jsonLine.count } }
      engine.finish { alertBytes &+= $0.jsonLine.count }
      let elapsed = clock.now - started
      benchmark.stopMeasurement()
      blackHole(alertBytes)
      benchmark.measurement(BenchConfiguration.eventsPerSecond, BenchConfiguration.rate(events.count, elapsed))
    },
    setup: {
      let compiled = try BenchData.compileRules()
      events = try BenchData.decodedEvents(BenchData.lines(of: BenchData.eventsFile()), catalog: compiled.catalog)
      ruleSet = compiled
      print(
        "Evaluate: \(compiled.rules.count) rules compiled (\(compiled.skipped.count) skipped), \(events.count) events")
    },
    teardown: {
      events = []
      ruleSet = nil
    })

  Benchmark(
    "CompileCorpus", configuration: BenchConfiguration.passes(3, seconds: 20),
    closure: { benchmark in
      guard let paths = BenchData.rulePaths else { return }
      let files = BenchData.loadRuleFiles(paths)
      benchmark.startMeasurement()
      blackHole(CompiledRuleSet(checked: files).rules.count)
    })
}
