import ArgumentParser
import VigilEngine
import VigilEvents
import VigilIO

/// `vigil bench parse FILE...`: how fast events are read and decoded, single-threaded.
struct BenchParseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parse",
    abstract: "Measure reading and decoding events (single-threaded).",
    discussion: """
      Decodes every field of every event, or only the fields named with --field (as a rule pack would), and \
      reports events, bytes, seconds, events per second and MB per second. Input is NDJSON, a JSON array or an \
      Elasticsearch _search response, plain or gzip; folders are read recursively; `-` is standard input.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  /// What one run measured.
  struct Measurement {
    var events: Int
    var bytes: Int
    var seconds: Double
    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    var bytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds : 0 }
  }

  @Option(help: "Output format: text or json.")
  var format: Format = .text

  @Option(name: .customLong("field"), help: "A dotted field path to decode (repeatable); all fields when absent.")
  var fields: [String] = []

  @Option(
    name: .customLong("rules"),
    help: "Decode the fields these rule files or folders use (repeatable), as a scan with them would.")
  var rulePaths: [String] = []

  @Flag(help: "Stop at the first malformed document or unreadable source.")
  var strict = false

  @Argument(help: "NDJSON, JSON or _search response files or folders (.gz too); - for standard input.")
  var inputs: [String]

  func run() async throws {
    var reporter = BadInputReporter(strict: strict)
    let measurement: Measurement
    do {
      let sources = try EventSource.resolve(inputs, reporter: &reporter)
      let wanted = try wantedFields()
      measurement = try Self.measure(sources, fields: wanted, reporter: &reporter)
    } catch let error as InputError {
      BadInputReporter.printError(error.message)
      throw ExitCode(1)
    }
    print(format == .json ? Self.json(measurement) : Self.text(measurement))
    if let summary = reporter.summary { BadInputReporter.printError(summary) }
    if reporter.hasProblems { throw ExitCode(1) }
  }

  /// The fields named with --field and used by the rules under --rules; `nil` (every field) when neither is given.
  private func wantedFields() throws -> Set<String>? {
    guard !fields.isEmpty || !rulePaths.isEmpty else { return nil }
    var wanted = Set(fields)
    if !rulePaths.isEmpty {
      let loaded = try LoadedRulePaths.load(rulePaths)
      for rule in loaded.files.compactMap(\.rule) { wanted.formUnion(RuleFields.paths(of: rule)) }
      StandardStreams.writeError("decoding the \(wanted.count) fields used by \(loaded.files.count) rules")
    }
    return wanted
  }

  /// Reads and decodes `sources`, decoding only `fields` (dotted paths) or every field when `nil`.
  static func measure(
    _ sources: [EventSource], fields: Set<String>?, reporter: inout BadInputReporter
  ) throws -> Measurement {
    let decoder = fields.map { EventDecoder(fields: $0) } ?? EventDecoder()
    let reader = EventReader(decoder: decoder, reporter: reporter)
    var checksum = 0
    let clock = ContinuousClock()
    let started = clock.now
    defer { reporter = reader.reporter }
    try reader.read(sources) { event in checksum &+= event.fields.count }
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    precondition(checksum >= 0)
    return Measurement(events: reader.eventCount, bytes: reader.byteCount, seconds: seconds)
  }

  static func text(_ m: Measurement) -> String {
    let rows = [
      ("events", "\(m.events)"),
      ("bytes", "\(m.bytes)"),
      ("seconds", fixed(m.seconds, 3)),
      ("events/s", fixed(m.eventsPerSecond, 0)),
      ("MB/s", fixed(m.bytesPerSecond / 1e6, 1)),
    ]
    return rows.map { $0.0.padding(toLength: 10) + $0.1 }.joined(separator: "\n")
  }

  static func json(_ m: Measurement) -> String {
    """
    {"events":\(m.events),"bytes":\(m.bytes),"seconds":\(fixed(m.seconds, 6)),\
    "events_per_second":\(fixed(m.eventsPerSecond, 1)),"bytes_per_second":\(fixed(m.bytesPerSecond, 1))}
    """
  }

  /// `value` with `digits` decimals, without Foundation.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((value * scale).rounded())
    let whole = scaled / Int64(scale)
    guard digits > 0 else { return "\(whole)" }
    let fraction = String(scaled % Int64(scale))
    return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
  }
}

extension String {
  fileprivate func padding(toLength length: Int) -> String {
    count >= length ? self + " " : self + String(repeating: " ", count: length - count)
  }
}
