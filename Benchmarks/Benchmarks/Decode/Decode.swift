import BenchSupport
import Benchmark
import VigilEvents

// Decoding: NDJSON lines already in memory into events, with the fields the corpus rules read (what `vigil scan`
// decodes) and with every field. No reading, no rules evaluated. One iteration decodes every line once, reusing one
// event, as the event reader does.

/// Loaded by the first benchmark's setup, once per process.
nonisolated(unsafe) var lines: Lines?
nonisolated(unsafe) var corpusCatalog: FieldCatalog?

func loadLines() throws {
  if lines == nil { lines = try BenchData.lines(of: BenchData.eventsFile()) }
}

func decodeAll(_ benchmark: Benchmark, _ decoder: EventDecoder) {
  guard let lines else { return }
  let clock = ContinuousClock()
  let started = clock.now
  var event = Event()
  var fields = 0
  lines.bytes.withUnsafeBytes { buffer in
    for range in lines.ranges {
      do {
        try decoder.decode(UnsafeRawBufferPointer(rebasing: buffer[range]), into: &event)
        fields &+= event.fields.count
      } catch {
        fatalError("line did not decode: \(error)")
      }
    }
  }
  blackHole(fields)
  benchmark.measurement(BenchConfiguration.eventsPerSecond, BenchConfiguration.rate(lines.ranges.count, clock.now - started))
}

let benchmarks: @Sendable () -> Void = {
  if let reason = BenchData.missing(needsRules: true) {
    BenchData.skipping("Decode benchmarks", because: reason)
    return
  }
  Benchmark(
    "DecodeRuleFields", configuration: BenchConfiguration.passes(50),
    closure: { benchmark in
      guard let corpusCatalog else { return }
      decodeAll(benchmark, EventDecoder(catalog: corpusCatalog))
    },
    setup: {
      try loadLines()
      if corpusCatalog == nil { corpusCatalog = try BenchData.compileRules().catalog }
    })
  Benchmark(
    "DecodeAllFields", configuration: BenchConfiguration.passes(20),
    closure: { benchmark in decodeAll(benchmark, EventDecoder()) },
    setup: { try loadLines() })
}
