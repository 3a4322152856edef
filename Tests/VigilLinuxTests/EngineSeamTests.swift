import Testing
import VigilEvents

@testable import VigilLinux

/// What the detection engine will rely on: every document a source yields decodes as a Vigil event, with its
/// timestamp and the fields rules read.
@Suite struct EngineSeamTests {
  @Test func auditLogDocumentsDecodeAsEvents() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }
    let path = try folder.write("audit.log", (AuditFixtures.curl + AuditFixtures.lsWithoutEnd).joined(separator: "\n"))
    let source = ProcessEventSource.auditLog(try AuditLogReader(path: path, mapper: AuditFixtures.mapper()))
    let decoder = EventDecoder(fields: ["process.name", "process.args", "event.action", "user.effective.id"])
    var names: [String] = []
    while let document = try source.next() {
      let event = try decoder.decode(document.json)
      #expect(event.timestamp != nil)
      #expect(event.string(decoder.catalog.id("event.action")!) == "executed")
      names.append(event.string(decoder.catalog.id("process.name")!) ?? "?")
      let args = event.values(decoder.catalog.id("process.args")!).compactMap { event.string($0) }
      #expect(args.count >= 2)
    }
    #expect(names == ["curl", "ls"])
    #expect(source.summary.hasPrefix("events 2 (exec)"))
    #expect(!source.hasDrops)
  }

  @Test func connectorDocumentsDecodeAsEvents() throws {
    let fixture = try ProcFixture()
    defer { withExtendedLifetime(fixture) {} }
    var builder = fixture.builder()
    let documents = builder.documents(
      for: ProcConnectorMessage.parse(ConnectorBytes.exec(pid: 100, timestamp: 4_000_000_000)))
    let decoder = EventDecoder(fields: ["process.parent.name", "process.thread.capabilities.effective", "event.type"])
    let event = try decoder.decode(try #require(documents.first).json)
    #expect(event.timestamp == 1_699_999_999_000_000_000)  // nanoseconds since the epoch
    #expect(event.string(decoder.catalog.id("process.parent.name")!) == "systemd")
    #expect(event.string(decoder.catalog.id("event.type")!) == "start")
  }
}
