import Foundation
import VigilEngine
import VigilEvents
import VigilRules

/// Where the benchmarks find their data, and loading it once per process.
///
/// - Events: `$VIGIL_BENCH_EVENTS` (an NDJSON file), else `gen_events.py --events $VIGIL_BENCH_EVENT_COUNT (20000)
///   --seed 7` from the shared tools, generated once into the temporary folder and reused by later runs.
/// - Rules: `$VIGIL_BENCH_RULES` (a file or folder of TOML rules), else the detection-rules corpus's `rules` folder.
/// - Shared folder: `$VIGIL_SHARED`, else `shared` beside the repository root (`../shared` from the root).
public enum BenchData {
  /// The seed of generated events: the same events on every run and every machine.
  public static let seed = 7

  static var environment: [String: String] { ProcessInfo.processInfo.environment }

  /// The shared folder (corpus, tools), when it exists.
  public static var sharedFolder: String? {
    if let override = environment["VIGIL_SHARED"] { return exists(override) ? override : nil }
    // #filePath is <repo>/Benchmarks/Sources/BenchSupport/BenchData.swift: four levels up is the repository root.
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    let path = url.deletingLastPathComponent().appendingPathComponent("shared").path
    return exists(path) ? path : nil
  }

  /// The rule files or folders the evaluate and full-scan benchmarks compile.
  public static var rulePaths: [String]? {
    if let override = environment["VIGIL_BENCH_RULES"] { return exists(override) ? [override] : nil }
    guard let shared = sharedFolder else { return nil }
    let path = shared + "/corpus/detection-rules/rules"
    return exists(path) ? [path] : nil
  }

  /// How many events to generate when `$VIGIL_BENCH_EVENTS` is not set.
  public static var generatedEventCount: Int {
    environment["VIGIL_BENCH_EVENT_COUNT"].flatMap { Int($0) } ?? 20_000
  }

  /// The generator script, when the events are to be generated.
  static var generator: String? {
    guard let shared = sharedFolder else { return nil }
    let path = shared + "/tools/gen_events.py"
    return exists(path) ? path : nil
  }

  /// Why a benchmark that needs events and rules cannot run, or nil when it can. Cheap: checks paths only.
  public static func missing(needsRules: Bool) -> String? {
    if let path = environment["VIGIL_BENCH_EVENTS"], !exists(path) {
      return "VIGIL_BENCH_EVENTS=\(path) does not exist"
    }
    if environment["VIGIL_BENCH_EVENTS"] == nil, generator == nil {
      return "no events: ../shared/tools/gen_events.py not found (set VIGIL_SHARED or VIGIL_BENCH_EVENTS)"
    }
    if needsRules, rulePaths == nil {
      return "no rules: ../shared/corpus/detection-rules/rules not found (set VIGIL_SHARED or VIGIL_BENCH_RULES)"
    }
    return nil
  }

  /// Prints why benchmarks are skipped, in the benchmark tool's output.
  public static func skipping(_ benchmarks: String, because reason: String) {
    print("Skipping \(benchmarks): \(reason)")
  }

  /// The NDJSON file of events: `$VIGIL_BENCH_EVENTS`, or generated once into the temporary folder.
  public static func eventsFile() throws -> String {
    if let path = environment["VIGIL_BENCH_EVENTS"] { return path }
    guard let generator else { throw BenchDataError("gen_events.py not found") }
    let count = generatedEventCount
    let path = NSTemporaryDirectory() + "vigil-bench-events-\(count)-seed\(seed).ndjson"
    if exists(path) { return path }
    let partial = path + ".\(getpid()).partial"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", generator, "--events", "\(count)", "--seed", "\(seed)", "--out", partial]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw BenchDataError("gen_events.py exited with status \(process.terminationStatus)")
    }
    _ = rename(partial, path)
    return path
  }

  /// The lines of an NDJSON file (blank lines left out), as one buffer and the ranges of each line.
  public static func lines(of path: String) throws -> Lines {
    let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    var ranges: [Range<Int>] = []
    var start = 0
    for index in data.indices where data[index] == UInt8(ascii: "\n") {
      if index > start { ranges.append(start..<index) }
      start = index + 1
    }
    if start < data.count { ranges.append(start..<data.count) }
    return Lines(bytes: data, ranges: ranges)
  }

  /// Loads, checks and compiles the rules as `vigil scan` does (files with errors and unsupported rules skipped).
  public static func compileRules(now: Int64 = 0) throws -> CompiledRuleSet {
    guard let paths = rulePaths else { throw BenchDataError("rules not found") }
    return CompiledRuleSet(checked: loadRuleFiles(paths), now: now)
  }

  /// The rule files under `paths`, loaded and checked, with the queries the check parsed.
  public static func loadRuleFiles(_ paths: [String]) -> [CheckedRuleFile] {
    RuleLoader.load(paths: RulePathDiscovery(paths: paths).files, then: RuleCheck.check)
  }

  /// Events decoded with the fields `catalog` names, each a value of its own.
  public static func decodedEvents(_ lines: Lines, catalog: FieldCatalog) throws -> [Event] {
    let decoder = EventDecoder(catalog: catalog)
    var events: [Event] = []
    events.reserveCapacity(lines.ranges.count)
    try lines.bytes.withUnsafeBytes { buffer in
      for range in lines.ranges {
        var event = Event()
        try decoder.decode(UnsafeRawBufferPointer(rebasing: buffer[range]), into: &event)
        events.append(event)
      }
    }
    return events
  }

  static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}

/// The lines of an NDJSON file.
public struct Lines: Sendable {
  public var bytes: [UInt8]
  public var ranges: [Range<Int>]
}

public struct BenchDataError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
