import Foundation
import Testing
import VigilEvents
import VigilIO

/// No input may crash the reader: every prefix of each layout is read to its end, with problems reported.
@Suite("Reader robustness")
struct ReaderRobustnessTests {
  static let inputs = [
    "{\"name\":\"a\"}\r\n\n{\"name\":\"b\",\"x\":[1,{\"y\":\"]\"}]}\n",
    "[{\"name\":\"a\"},\n 7, {\"name\":\"b\"}]",
    """
    {"took":1,"hits":{"total":{"value":2},"hits":[{"_index":"i","_id":"1","_source":{"name":"a"}},
    {"_id":"2","_source":{"name":"b"}}, {"_id":"3"}]}}
    """,
    "{\n \"name\": \"a\"\n}\n{\n \"name\": \"b\"\n}",
  ]

  @Test("every prefix of every layout", arguments: inputs)
  func prefixes(_ text: String) throws {
    let folder = try TemporaryFolder()
    let bytes = Array(text.utf8)
    for end in 0...bytes.count {
      let path = try folder.write("input.json", Array(bytes[..<end]))
      let (names, reporter) = try readAll([path])
      #expect(names.count <= 3)
      if end == bytes.count { #expect(names.count >= 2 && reporter.badDocuments <= 1 && reporter.failedSources == 0) }
    }
  }

  @Test func randomBytesAreReportedNotFatal() throws {
    let folder = try TemporaryFolder()
    let alphabet = Array("{}[]\":,\"a 1\n\\".utf8)
    var state: UInt64 = 7
    for round in 0..<50 {
      var bytes: [UInt8] = round % 2 == 0 ? [UInt8(ascii: "[")] : [UInt8(ascii: "{")]
      for _ in 0..<2000 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let pick = UInt8(truncatingIfNeeded: state >> 56)
        bytes.append(round % 3 == 0 ? pick : alphabet[Int(pick) % alphabet.count])
      }
      let path = try folder.write("random-\(round).json", bytes)
      _ = try readAll([path])
    }
  }
}
