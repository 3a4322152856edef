import Foundation
import Testing
import VigilEngine
import VigilEvents

@testable import VigilIO

/// The check a scan runs beside itself to learn that its files are in time order: it vouches only for what the scan
/// will read in order, and anything it cannot vouch for leaves the scan holding events.
struct TimeOrderCheckTests {
  static func event(_ time: String, _ name: String = "x") -> String {
    #"{"@timestamp":"\#(time)","process":{"name":"\#(name)"}}"#
  }

  /// Whether the check finds `files` (name, text) in order; `nil` when it does not run.
  static func inOrder(_ files: [(String, [UInt8])], arguments: [String]? = nil) throws -> Bool? {
    let folder = try TemporaryFolder()
    var paths: [String] = []
    for (name, bytes) in files { paths.append(try folder.write(name, bytes)) }
    var reporter = BadInputReporter(printsToStandardError: false)
    let sources = try EventSource.resolve(arguments ?? paths, reporter: &reporter)
    guard let check = TimeOrderCheck.start(sources) else { return nil }
    check.wait()
    #expect(check.isFinished)
    return check.isInOrder
  }

  static func inOrder(_ lines: [String]) throws -> Bool? {
    try inOrder([("events.ndjson", Array(lines.joined(separator: "\n").utf8))])
  }

  static let sorted = [
    event("2026-11-02T09:00:00Z"), event("2026-11-02T09:00:00Z", "same time"), event("2026-11-02T09:00:01.5Z"),
    // Not opening with `@timestamp`, an epoch-milliseconds number, an escaped date: decoded as the scan decodes.
    #"{"process":{"name":"y"},"@timestamp":"2026-11-02T09:00:02Z"}"#,
    #"{"@timestamp":1793610003000}"#,
    #"{"@timestamp":"2026-11-02T09:00:0\u0034Z"}"#,
    "", event("2026-11-02T10:00:04.5+01:00"), event("2026-11-02T09:00:05Z"),
    // A broken document that opens with a time in order: the scan skips it, which leaves the others in order.
    #"{"@timestamp":"2026-11-02T09:00:05Z","#, event("2026-11-02T09:00:06Z"),
  ]

  @Test func sortedEventsAreInOrder() throws {
    #expect(try Self.inOrder(Self.sorted) == true)
  }

  @Test(arguments: [
    // An event earlier than the one before it (10:00 at +01:00 is 09:00Z).
    [event("2026-11-02T09:00:01Z"), event("2026-11-02T10:00:00+01:00")],
    // An event without a time, or one that is not a date.
    [event("2026-11-02T09:00:01Z"), #"{"process":{"name":"x"}}"#],
    [event("2026-11-02T09:00:01Z"), event("yesterday")],
    // A document that does not decode, its time unknown.
    [event("2026-11-02T09:00:01Z"), #"{"process":{"#, event("2026-11-02T09:00:03Z")],
  ])
  func eventsTheCheckCannotVouchForAreNotInOrder(_ lines: [String]) throws {
    #expect(try Self.inOrder(lines) == false)
  }

  /// A scan merges several files by time (``TimeMergedDocuments``): each must be in order, in any order of files.
  @Test func filesAreCheckedAsTheScanMergesThem() throws {
    let early = Array((Self.event("2026-11-02T09:00:00Z") + "\n").utf8)
    let late = Array((Self.event("2026-11-02T09:00:01Z") + "\n").utf8)
    #expect(try Self.inOrder([("a.ndjson", early), ("b.ndjson", late)]) == true)
    #expect(try Self.inOrder([("a.ndjson", late), ("b.ndjson", early)]) == true)
    #expect(try Self.inOrder([("a.ndjson", late + early), ("b.ndjson", early)]) == false)
    // Folders are read sorted by path; gzip files are read through.
    #expect(try Self.inOrder([("a.ndjson.gz", try TemporaryFolder.gzip(late)), ("b.ndjson", early + late)]) == true)
    #expect(try Self.inOrder([("a.ndjson.gz", try TemporaryFolder.gzip(late + early)), ("b.ndjson", late)]) == false)
  }

  @Test func standardInputIsNotChecked() throws {
    #expect(try Self.inOrder([], arguments: ["-"]) == nil)
  }

  /// The example events, copied into later months: a few thousand events in time order, or with neighbours
  /// swapped.
  static func exampleEvents(swappingNeighbours: Bool) throws -> String {
    let lines = try String(
      contentsOf: ParallelScanTests.examples.appendingPathComponent("events/linux_hosts.ndjson"), encoding: .utf8
    ).split(separator: "\n").map(String.init)
    var out: [String] = []
    for copy in 0..<80 {
      let month = "\(2027 + copy / 12)-\(String(format: "%02d", copy % 12 + 1))-"
      out += lines.map { $0.replacingOccurrences(of: "2026-11-", with: month) }
    }
    if swappingNeighbours {
      for index in stride(from: 0, to: out.count - 1, by: 2) { out.swapAt(index, index + 1) }
    }
    return out.joined(separator: "\n")
  }

  /// A scan whose check found its file in order stops holding events at its checkpoint, and writes the alerts of a
  /// scan that held them all (an aggregating ES|QL rule's later in the stream), in the same order on any number of
  /// threads; a file out of order is held to the end, with the same alerts.
  @Test func aScanStopsHoldingEventsOnceItsFileIsFoundInOrder() throws {
    let folder = try TemporaryFolder()
    let rules = try ParallelScanTests.ruleSet(folder)
    let sortedPath = try folder.write("sorted.ndjson", try Self.exampleEvents(swappingNeighbours: false))
    let swappedPath = try folder.write("swapped.ndjson", try Self.exampleEvents(swappingNeighbours: true))
    func scan(
      _ path: String, window: Int64, checked: Bool, threads: Int = 1
    ) throws -> (alerts: [String], reorders: Bool) {
      let engine = ScanEngine(ruleSet: rules, reorderWindowSeconds: window)
      var reporter = BadInputReporter(printsToStandardError: false)
      let sources = try EventSource.resolve([path], reporter: &reporter)
      let check = checked ? TimeOrderCheck.start(sources) : nil
      var alerts: [String] = []
      let scan = ParallelScan(engine: engine, threads: threads, reporter: reporter)
      try scan.run(sources, orderCheck: check, checkpoint: 1_000) { alerts.append($0.uuid) }
      #expect(engine.statistics.events == 2_400)
      #expect(engine.statistics.lateEvents == 0)
      engine.finish { alerts.append($0.uuid) }
      return (alerts, engine.reorders)
    }
    let held = try scan(sortedPath, window: 172_800, checked: false)
    #expect(held.reorders)
    #expect(held.alerts.count > 100)
    let checked = try scan(sortedPath, window: 172_800, checked: true)
    #expect(!checked.reorders)
    #expect(checked.alerts.sorted() == held.alerts.sorted())
    for threads in [2, 3] {
      #expect(try scan(sortedPath, window: 172_800, checked: true, threads: threads).alerts == checked.alerts)
    }
    let swapped = try scan(swappedPath, window: 172_800, checked: true)
    #expect(swapped.reorders)
    #expect(swapped.alerts == held.alerts)
  }
}
