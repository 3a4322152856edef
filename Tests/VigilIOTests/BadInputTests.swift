import Foundation
import Testing
import VigilEvents
import VigilIO

@Suite("Bad input")
struct BadInputTests {
  @Test func malformedLinesAreReportedCountedAndSkipped() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "mixed.ndjson",
      """
      {"name":"a"}
      {"name":"b",}
      not json
      {"name":"c"}
      {"name":"d"
      [1]
      {"name":"e"}
      """)
    let (names, reporter) = try readAll([path])
    #expect(names == ["a", "c", "e"])
    #expect(reporter.badDocuments == 4)
    #expect(
      reporter.shown == [
        "\(path):2: error: expected a string key at byte 13",
        "\(path):3: error: expected a JSON object at byte 1",
        "\(path):5: error: unexpected end of document at byte 12",
        "\(path):6: error: expected a JSON object at byte 1",
      ])
    #expect(reporter.summary == "vigil: 4 bad documents skipped")
  }

  @Test func lineNumbersCountLeadingBlankLines() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("blank-first.ndjson", "\n\r\n{\"name\":\"a\"}\n{\"name\"}\n")
    let (names, reporter) = try readAll([path])
    #expect(names == ["a"])
    #expect(reporter.shown == ["\(path):4: error: expected ':' after key at byte 8"])
  }

  @Test func invalidUTF8IsReportedWithItsLine() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "utf8.ndjson",
      Array("{\"name\":\"a\"}\n{\"name\":\"".utf8) + [0xC3, 0x28]
        + Array("\"}\n{\"name\":\"b\"}\n".utf8))
    let (names, reporter) = try readAll([path])
    #expect(names == ["a", "b"])
    #expect(reporter.shown == ["\(path):2: error: invalid UTF-8 at byte 10"])
  }

  @Test func onlyTheFirstTwentyAreShownButAllAreCounted() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("bad.ndjson", String(repeating: "{\n", count: 57) + "{\"name\":\"ok\"}\n")
    let (names, reporter) = try readAll([path])
    #expect(names == ["ok"])
    #expect(reporter.badDocuments == 57)
    #expect(reporter.shown.count == 20)
    #expect(reporter.shown.last == "\(path):20: error: unexpected end of document at byte 2")
    #expect(reporter.summary == "vigil: 57 bad documents skipped (37 not shown)")
  }

  @Test func strictModeStopsAtTheFirstBadLine() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("bad.ndjson", "{\"name\":\"a\"}\n{\"name\":tru}\n{\"name\":\"c\"}\n")
    #expect(throws: InputError("\(path):2: error: invalid literal (expected true, false or null) at byte 9")) {
      try readAll([path], strict: true)
    }
  }

  @Test func aMissingFileIsReportedAndTheOthersAreRead() throws {
    let folder = try TemporaryFolder()
    let good = try folder.write("good.ndjson", "{\"name\":\"a\"}\n")
    let missing = folder.url.appendingPathComponent("missing.ndjson").path
    let (names, reporter) = try readAll([missing, good])
    #expect(names == ["a"])
    #expect(reporter.failedSources == 1)
    #expect(reporter.shown == ["\(missing): error: no such file or directory"])
    #expect(reporter.summary == "vigil: 1 source failed")
  }

  @Test func aFolderWithoutEventFilesIsReported() throws {
    let folder = try TemporaryFolder()
    try folder.write("readme.txt", "nothing here")
    let (names, reporter) = try readAll([folder.url.path])
    #expect(names.isEmpty)
    #expect(
      reporter.shown == [
        "\(folder.url.path): error: no event files in this folder (looked for *.ndjson, *.jsonl, *.json and .gz)"
      ])
  }

  @Test func strictModeMakesAMissingFileFatal() throws {
    #expect(throws: InputError.self) { try readAll(["/nonexistent/vigil/events.ndjson"], strict: true) }
  }

  @Test func anArrayThatEndsEarlyKeepsItsDocuments() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("cut.json", "[{\"name\":\"a\"},\n{\"name\":\"b\"},\n{\"name\":")
    let (names, reporter) = try readAll([path])
    #expect(names == ["a", "b"])
    #expect(reporter.shown == ["\(path):3: error: the file ends inside a document"])
  }

  @Test func aSearchResponseWithoutHitsIsReported() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("response.json", "{\"took\":1,\"hits\":{\"total\":{\"value\":0}}}\n")
    let (names, reporter) = try readAll([path])
    #expect(names.isEmpty)
    #expect(reporter.shown == ["\(path):1: error: the top-level `hits` object has no `hits` array of documents"])
  }

  @Test func emptyFilesHaveNoEventsAndNoErrors() throws {
    let folder = try TemporaryFolder()
    let (names, reporter) = try readAll([
      try folder.write("empty.ndjson", ""), try folder.write("blank.ndjson", "\n \n"),
    ])
    #expect(names.isEmpty)
    #expect(!reporter.hasProblems)
  }
}
