import Foundation
import Testing
import VigilEngine
import VigilEvents

@testable import VigilIO

/// Files given together are read merged by `@timestamp`: an export split by data stream or host, each file in time
/// order, runs as the one file it was split from would.
struct TimeMergedDocumentsTests {
  /// The documents of `files` (name, lines) in the order the merge hands them on: `path:line` of each.
  static func merged(_ files: [(String, [String])]) throws -> [String] {
    let folder = try TemporaryFolder()
    var sources: [EventSource] = []
    for (name, lines) in files { sources.append(.file(try folder.write(name, lines.joined(separator: "\n")))) }
    var order: [String] = []
    try TimeMergedDocuments(sources).forEach(
      { order.append("\(($0.path as NSString).lastPathComponent):\($0.line)") },
      failed: { _ in Issue.record("no source fails here") })
    return order
  }

  static func event(_ second: Int) -> String {
    #"{"@timestamp":"2026-11-02T09:00:\#(String(format: "%02d", second))Z"}"#
  }

  @Test func documentsComeInTimeOrderTiesInTheOrderOfTheFiles() throws {
    let order = try Self.merged([
      ("a.ndjson", [Self.event(1), Self.event(3), Self.event(3), Self.event(7)]),
      ("b.ndjson", [Self.event(0), Self.event(3), Self.event(8)]),
      ("c.ndjson", []),
    ])
    #expect(
      order == ["b.ndjson:1", "a.ndjson:1", "a.ndjson:2", "a.ndjson:3", "b.ndjson:2", "a.ndjson:4", "b.ndjson:3"])
  }

  /// A document without a time, or that does not decode, keeps its place after the one before it in its file (the
  /// scan then reports it as it would have).
  @Test func aDocumentWithoutATimeStaysAfterItsPredecessor() throws {
    let order = try Self.merged([
      ("a.ndjson", [Self.event(2), #"{"process":{"name":"x"}}"#, #"{"broken": "#, Self.event(5)]),
      ("b.ndjson", [Self.event(1), Self.event(3), Self.event(4)]),
    ])
    #expect(
      order == ["b.ndjson:1", "a.ndjson:1", "a.ndjson:2", "a.ndjson:3", "b.ndjson:2", "b.ndjson:3", "a.ndjson:4"])
  }

  /// The example events split into two files, every other event in each: one after the other, the second file
  /// came later than the reorder window and ran out of order; merged, the scan gives the alerts of the whole file,
  /// on any number of threads, and a broken source is reported once.
  @Test(arguments: [1, 2, 3])
  func aSplitExportGivesTheAlertsOfTheWholeFile(threads: Int) throws {
    let folder = try TemporaryFolder()
    let rules = try ParallelScanTests.ruleSet(folder)
    let lines = try TimeOrderCheckTests.exampleEvents(swappingNeighbours: false).split(separator: "\n").map(String.init)
    let whole = try folder.write("whole.ndjson", lines.joined(separator: "\n"))
    let even = try folder.write(
      "even.ndjson", lines.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\n"))
    let odd = try folder.write(
      "odd.ndjson", lines.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).joined(separator: "\n"))
    let truncated = try folder.write(
      "truncated.ndjson.gz", Array(try TemporaryFolder.gzip(Array(lines[0].utf8)).dropLast(6)))
    func scan(_ paths: [String]) throws -> (alerts: [String], late: Int, failed: Int) {
      let engine = ScanEngine(ruleSet: rules, reorderWindowSeconds: 60)
      var reporter = BadInputReporter(printsToStandardError: false)
      let sources = try EventSource.resolve(paths, reporter: &reporter)
      var alerts: [String] = []
      let scan = ParallelScan(engine: engine, threads: threads, reporter: reporter)
      try scan.run(sources) { alerts.append($0.uuid) }
      engine.finish { alerts.append($0.uuid) }
      if !paths.contains(truncated) { #expect(engine.statistics.events == lines.count) }
      return (alerts, engine.statistics.lateEvents, scan.reporter.failedSources)
    }
    let expected = try scan([whole])
    #expect(expected.alerts.count > 100)
    #expect(expected.late == 0)
    let split = try scan([odd, even])
    #expect(split.late == 0)
    #expect(split.alerts.sorted() == expected.alerts.sorted())
    let broken = try scan([odd, truncated, even])
    #expect(broken.failed == 1)
    #expect(broken.late == 0)
  }
}

extension TimeMergedDocumentsTests {
  /// In strict mode a source that fails among merged files stops the scan with its error, as it does read alone.
  @Test func aFailingSourceStopsAStrictScan() throws {
    let folder = try TemporaryFolder()
    let rules = try ParallelScanTests.ruleSet(folder)
    let good = try folder.write("good.ndjson", (0..<500).map { Self.event($0 % 60) }.sorted().joined(separator: "\n"))
    let truncated = try folder.write(
      "truncated.ndjson.gz", Array(try TemporaryFolder.gzip(Array(Self.event(1).utf8)).dropLast(6)))
    var reporter = BadInputReporter(strict: true, printsToStandardError: false)
    let sources = try EventSource.resolve([good, truncated], reporter: &reporter)
    let scan = ParallelScan(
      engine: ScanEngine(ruleSet: rules, reorderWindowSeconds: 60), threads: 2, reporter: reporter)
    #expect(throws: InputError.self) { try scan.run(sources) { _ in } }
  }
}
