import Foundation
import Testing
import VigilRules
import VigilTestSupport

struct CorpusLoadingTests {
  @Test func everyCorpusRuleLoadsWithoutError() throws {
    guard let root = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    let discovery = RulePathDiscovery(paths: [root.path])
    #expect(discovery.problems.isEmpty)
    #expect(discovery.files.count >= 2190)
    let files = RuleLoader.load(paths: discovery.files)
    let broken = files.filter(\.hasErrors).map { file in
      "\(file.path): \(file.diagnostics.filter { $0.severity == .error }.map(\.message))"
    }
    #expect(broken.isEmpty, "\(broken.prefix(5))")
    let rules = files.compactMap(\.rule)
    #expect(rules.count == files.count)
    // Counts from ../shared/reference/corpus-features.md (rules/ and building blocks; deprecated rules add more).
    let byType = Dictionary(grouping: rules.filter { !$0.metadata.isDeprecated }, by: \.type).mapValues(\.count)
    #expect(byType[.eql] == 1024)
    #expect(byType[.query] == 454)
    #expect(byType[.newTerms] == 241)
    #expect(byType[.esql] == 209)
    #expect(byType[.machineLearning] == 106)
    #expect(byType[.threshold] == 28)
    #expect(byType[.threatMatch] == 6)
    #expect(rules.filter(\.isBuildingBlock).count >= 128)
  }

  @Test func shippedExamplesLoadCleanly() throws {
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Examples/rules").path
    let discovery = RulePathDiscovery(paths: [examples])
    #expect(discovery.files.count >= 6)
    for file in RuleLoader.load(paths: discovery.files) {
      #expect(file.diagnostics.isEmpty, "\(file.path): \(file.diagnostics.map(\.message))")
    }
  }

  @Test func discoveryReportsMissingPathsAndEmptyFolders() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("x".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let discovery = RulePathDiscovery(paths: [folder.path, "/no/such/vigil/path"])
    #expect(discovery.files.isEmpty)
    #expect(discovery.problems == [.emptyFolder(folder.path), .missing("/no/such/vigil/path")])
  }
}
