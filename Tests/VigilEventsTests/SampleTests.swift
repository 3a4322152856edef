import Foundation
import Testing
import VigilEvents
import VigilTestSupport

@Suite("Real ECS documents")
struct SampleTests {
  static var files: [URL] {
    guard let folder = SharedData.ecsSamples else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".ndjson") }.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test func samplesArePresent() {
    if SharedData.ecsSamples == nil { print(SharedData.missingMessage("samples/ecs")) }
  }

  @Test("every sample document decodes, in full and for a few fields", arguments: files)
  func decodes(_ file: URL) throws {
    let data = try Data(contentsOf: file)
    let all = EventDecoder()
    let some = EventDecoder(fields: [
      "event.category", "process.name", "host.os.type", "threat.enrichments.indicator.type",
    ])
    var documents = 0
    for (number, line) in data.split(separator: UInt8(ascii: "\n")).enumerated() {
      let bytes = Array(line)
      let full: Event
      do {
        full = try all.decode(bytes)
      } catch {
        Issue.record("\(file.lastPathComponent):\(number + 1): \(error)")
        continue
      }
      #expect(full.bytes == bytes)
      #expect(!full.fields.isEmpty)
      let partial = try some.decode(bytes)
      #expect(partial.timestamp == full.timestamp)
      if let category = all.catalog.id("event.category"), let wanted = some.catalog.id("event.category") {
        #expect(full.values(category).map { full.string($0) } == partial.values(wanted).map { partial.string($0) })
      }
      documents += 1
    }
    #expect(documents > 0)
  }
}
