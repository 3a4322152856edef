import Foundation
import Testing
import VigilTestSupport

/// Every runnable rule of the real rule pack over generated events (../shared/tools/gen_events.py).
@Suite(.serialized)
struct CorpusScanTests {
  @Test func everyRunnableCorpusRuleRunsOverGeneratedEvents() throws {
    guard let corpus = SharedData.detectionRules, let root = SharedData.root else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    let generator = root.appendingPathComponent("tools/gen_events.py")
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let events = folder.appendingPathComponent("events.ndjson")
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", generator.path, "--events", "5000", "--seed", "7", "--out", events.path]
    try python.run()
    python.waitUntilExit()
    guard python.terminationStatus == 0 else {
      print("skipped: python3 could not run gen_events.py")
      return
    }
    let alerts = folder.appendingPathComponent("alerts.ndjson")
    let result = try VigilRunner.run(["scan", "--rules", corpus.path, "--output", alerts.path, events.path])
    #expect(result.status == 0, "\(result.stderr.suffix(2000))")
    #expect(result.stderr.contains("Events: 5000 read"))
    // Every rule this build can run runs: none is skipped for errors.
    #expect(!result.stderr.contains("has errors"))
    #expect(!result.stderr.contains("query has errors"))
    let lines = try String(contentsOf: alerts, encoding: .utf8).split(separator: "\n")
    #expect(!lines.isEmpty)
    for line in lines.prefix(200) {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["kibana.alert.uuid"] is String)
      #expect(object?["kibana.alert.rule.rule_id"] is String)
    }
  }
}
