import Foundation
import Glibc
import Testing

@testable import VigilLinux

@Suite struct AuditLogReaderTests {
  @Test func readsExecEventsFromAFileAndCountsTheRest() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    let lines = AuditFixtures.curl + AuditFixtures.open + ["garbage line"] + AuditFixtures.lsWithoutEnd
    let path = try folder.write("audit.log", lines.joined(separator: "\n"))  // no final newline
    let reader = try AuditLogReader(path: path, mapper: AuditFixtures.mapper())
    var malformed: [UInt64] = []
    reader.onMalformedLine = { (number: UInt64, _: String) in malformed.append(number) }
    var documents: [ECSDocument] = []
    while let document = try reader.next() { documents.append(document) }
    #expect(documents.map { $0["process.pid"] } == [4242, 700])
    #expect(malformed == [11])
    #expect(reader.statistics.lines == UInt64(lines.count))
    #expect(reader.statistics.events == 3)
    #expect(reader.statistics.eventsWithoutEnd == 1)
    #expect(reader.statistics.documents == 2)
    #expect(try reader.next() == nil)
  }

  @Test func missingFileIsAClearError() {
    #expect(throws: LinuxSensorError.file(path: "/nonexistent/audit.log", errno: ENOENT)) {
      try AuditLogReader(path: "/nonexistent/audit.log", mapper: AuditFixtures.mapper())
    }
  }

  @Test func followSeesAppendedEventsAndStopsWhenWoken() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    let path = try folder.write("audit.log", AuditFixtures.curl.joined(separator: "\n") + "\n")
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    let reader = try AuditLogReader(
      path: path, follow: true, mapper: AuditFixtures.mapper(), wake: ends[0], pollMilliseconds: 20)
    #expect(try reader.next()?["process.pid"] == 4242)

    let appended = AuditFixtures.lsWithoutEnd.joined(separator: "\n") + "\n"
    let writer = Thread {
      let handle = FileHandle(forWritingAtPath: path)
      handle?.seekToEndOfFile()
      usleep(100_000)
      handle?.write(Data(appended.prefix(40).utf8))  // half a line first
      usleep(50_000)
      handle?.write(Data(appended.dropFirst(40).utf8))
      try? handle?.close()
    }
    writer.start()
    // No EOE: the event closes once the log has been quiet for two polls.
    #expect(try reader.next()?["process.pid"] == 700)

    var byte: UInt8 = 1
    _ = write(ends[1], &byte, 1)
    #expect(try reader.next() == nil)
  }

  @Test func aQuietFollowedLogIdlesAndThenGivesWhatIsAppended() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    let path = try folder.write("audit.log", AuditFixtures.curl.joined(separator: "\n") + "\n")
    let reader = try AuditLogReader(path: path, follow: true, mapper: AuditFixtures.mapper(), pollMilliseconds: 20)
    guard case .document(let first) = try reader.next(waitingAtMost: 100) else {
      Issue.record("the first event should come before the log is quiet")
      return
    }
    #expect(first["process.pid"] == 4242)
    guard case .idle = try reader.next(waitingAtMost: 100) else {
      Issue.record("a quiet log should give control back")
      return
    }
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.seekToEndOfFile()
    handle.write(Data((AuditFixtures.lsWithoutEnd.joined(separator: "\n") + "\n").utf8))
    try handle.close()
    guard case .document(let appended) = try reader.next(waitingAtMost: 1_000) else {
      Issue.record("the appended event should come")
      return
    }
    #expect(appended["process.pid"] == 700)
  }

  @Test func aLogReadWithoutFollowingNeverIdles() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    let path = try folder.write("audit.log", AuditFixtures.curl.joined(separator: "\n") + "\n")
    let reader = try AuditLogReader(path: path, mapper: AuditFixtures.mapper(), pollMilliseconds: 20)
    guard case .document = try reader.next(waitingAtMost: 0) else {
      Issue.record("the event should come")
      return
    }
    #expect(try reader.next(waitingAtMost: 0) == nil)
  }

  @Test func followStartsOverWhenTheLogIsRotated() throws {
    let folder = try TemporaryFolder()
    defer { withExtendedLifetime(folder) {} }  // the files live until the test ends
    let path = try folder.write("audit.log", AuditFixtures.curl.joined(separator: "\n") + "\n")
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    let reader = try AuditLogReader(
      path: path, follow: true, mapper: AuditFixtures.mapper(), wake: ends[0], pollMilliseconds: 20)
    #expect(try reader.next()?["process.pid"] == 4242)
    try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
    try folder.write("audit.log", AuditFixtures.enrichedFailure.joined(separator: "\n") + "\n")
    #expect(try reader.next()?["process.pid"] == 11)
    #expect(reader.statistics.reopened == 1)
  }
}
