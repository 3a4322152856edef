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
      try expectSameAsReference(full, bytes, all, "\(file.lastPathComponent):\(number + 1)")
      let partial = try some.decode(bytes)
      #expect(partial.timestamp == full.timestamp)
      if let category = all.catalog.id("event.category"), let wanted = some.catalog.id("event.category") {
        #expect(full.values(category).map { full.string($0) } == partial.values(wanted).map { partial.string($0) })
      }
      documents += 1
    }
    #expect(documents > 0)
  }

  /// Every leaf of the document has the values Foundation's decoder finds, and nothing else was decoded. Numbers
  /// compare by value: the reference reads `62.0` as an integer and big integers as doubles.
  func expectSameAsReference(_ event: Event, _ bytes: [UInt8], _ decoder: EventDecoder, _ place: String) throws {
    func canonical(_ rendered: String) -> String {
      for prefix in ["i:", "d:", "n:"] where rendered.hasPrefix(prefix) {
        if let number = Double(rendered.dropFirst(2)) { return "number:\(number)" }
      }
      return rendered
    }
    var expected: [String: [String]] = [:]
    try JSONDecoder().decode(ReferenceJSON.self, from: Data(bytes)).flattened(into: &expected)
    var actual: [String: [String]] = [:]
    for field in event.fields {
      let values = event.values(field).map { render($0, in: event) }
      if !values.isEmpty { actual[decoder.catalog.path(field)] = values }
    }
    #expect(Set(actual.keys) == Set(expected.keys), "\(place)")
    for (path, values) in expected {
      let mine = (actual[path] ?? []).map(canonical).sorted()
      let theirs = values.map(canonical).sorted()
      #expect(mine == theirs, "\(place) \(path)")
    }
  }
}
