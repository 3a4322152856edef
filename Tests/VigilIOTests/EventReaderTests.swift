import Foundation
import Testing
import VigilEvents
import VigilIO

/// Reads `sources` with a quiet reporter; returns `name` of each event (or its `_id`) and the reporter.
func readAll(
  _ paths: [String], fields: Set<String> = ["name"], strict: Bool = false
) throws -> (names: [String], reporter: BadInputReporter) {
  var reporter = BadInputReporter(strict: strict, printsToStandardError: false)
  let sources = try EventSource.resolve(paths, reporter: &reporter)
  let decoder = EventDecoder(fields: fields)
  let name = decoder.catalog.id("name")!
  let reader = EventReader(decoder: decoder, reporter: reporter)
  var names: [String] = []
  defer { reporter = reader.reporter }
  try reader.read(sources) { event in
    names.append(event.string(name) ?? event.documentID ?? "?")
  }
  return (names, reader.reporter)
}

@Suite("Reading event sources")
struct EventReaderTests {
  @Test func ndjsonWithBlankLinesCRLFAndNoFinalNewline() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("a.ndjson", "{\"name\":\"a\"}\r\n\r\n   \n{\"name\":\"b\"}\n\t\n{\"name\":\"c\"}")
    let (names, reporter) = try readAll([path])
    #expect(names == ["a", "b", "c"])
    #expect(!reporter.hasProblems)
  }

  @Test func theOriginalBytesOfEachLineAreKept() throws {
    let folder = try TemporaryFolder()
    let lines = [#"{"name":"a", "x" : [1, 2.50]}"#, #"{ "name" : "\u00e9" }"#]
    let path = try folder.write("a.ndjson", lines.joined(separator: "\r\n") + "\r\n")
    let reader = EventReader(decoder: EventDecoder(fields: []))
    var seen: [String] = []
    try reader.read(.file(path)) { seen.append(String(decoding: $0.bytes, as: UTF8.self)) }
    #expect(seen == lines)
    #expect(reader.byteCount == lines.joined(separator: "\r\n").utf8.count + 2)
  }

  @Test func manyChunksAndATenMegabyteLine() throws {
    let folder = try TemporaryFolder()
    let long = "{\"name\":\"long\",\"pad\":\"" + String(repeating: "x", count: 10 << 20) + "\"}"
    var text = ""
    for index in 0..<40_000 { text += "{\"name\":\"e\(index)\",\"pad\":\"some padding to cross chunks\"}\n" }
    text += long + "\n{\"name\":\"last\"}\n"
    let path = try folder.write("big.ndjson", text)
    let (names, reporter) = try readAll([path])
    #expect(names.count == 40_002)
    #expect(names[39_999] == "e39999" && names[40_000] == "long" && names[40_001] == "last")
    #expect(!reporter.hasProblems)
  }

  @Test func gzipIsDetectedByItsBytesAndStreamed() throws {
    let folder = try TemporaryFolder()
    var text = ""
    for index in 0..<50_000 { text += "{\"name\":\"e\(index)\"}\n" }
    let member = try TemporaryFolder.gzip(Array(text.utf8))
    let second = try TemporaryFolder.gzip(Array("{\"name\":\"second member\"}\n".utf8))
    let path = try folder.write("events.ndjson.gz", member + second)
    let (names, reporter) = try readAll([path])
    #expect(names.count == 50_001)
    #expect(names.last == "second member")
    #expect(!reporter.hasProblems)
  }

  @Test func aTruncatedGzipKeepsWhatWasReadAndSaysSo() throws {
    let folder = try TemporaryFolder()
    var text = ""
    for index in 0..<20_000 { text += "{\"name\":\"e\(index)\",\"n\":\(index * 7919)}\n" }
    let compressed = try TemporaryFolder.gzip(Array(text.utf8))
    let path = try folder.write("cut.ndjson.gz", Array(compressed.prefix(compressed.count / 2)))
    let (names, reporter) = try readAll([path])
    #expect(names.count > 0 && names.count < 20_000)
    #expect(reporter.failedSources == 1)
    #expect(reporter.shown == ["\(path): error: truncated gzip stream (the file ends inside compressed data)"])
  }

  @Test func corruptGzipIsAnError() throws {
    let folder = try TemporaryFolder()
    var compressed = try TemporaryFolder.gzip(Array(String(repeating: "{\"name\":\"x\"}\n", count: 100).utf8))
    for index in 12..<compressed.count - 8 { compressed[index] ^= 0x5A }
    let path = try folder.write("bad.gz", compressed)
    let (_, reporter) = try readAll([path])
    #expect(reporter.failedSources == 1)
    #expect(reporter.shown.first?.hasPrefix("\(path): error: corrupt gzip data") == true)
  }

  @Test func foldersAreReadRecursivelyInPathOrder() throws {
    let folder = try TemporaryFolder()
    try folder.write("b.ndjson", "{\"name\":\"b\"}\n")
    try folder.write("a/z.json", "[{\"name\":\"a/z\"}]")
    try folder.write("a/c.jsonl.gz", try TemporaryFolder.gzip(Array("{\"name\":\"a/c\"}\n".utf8)))
    try folder.write("notes.txt", "not events")
    try folder.write(".hidden.ndjson", "{\"name\":\"hidden\"}\n")
    let (names, reporter) = try readAll([folder.url.path])
    #expect(names == ["a/c", "a/z", "b"])
    #expect(!reporter.hasProblems)
  }

  @Test func aJSONArrayOfDocuments() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "array.json",
      """
      \u{FEFF}[
        {"name": "a", "nested": {"list": [1, {"x": "]}"}]}},
        42,
        {"name": "b"}
      ]
      """)
    let (names, reporter) = try readAll([path])
    #expect(names == ["a", "b"])
    #expect(reporter.shown == ["\(path):3: error: expected a JSON object"])
  }

  @Test func prettyPrintedDocumentsOneAfterAnother() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "pretty.json",
      """
      {
        "name": "a",
        "process": {"args": ["x",
                             "y"]}
      }
      {
        "name": "b"
      }
      "oops"
      {"name": "c"}
      """)
    let (names, reporter) = try readAll([path])
    #expect(names == ["a", "b", "c"])
    #expect(reporter.shown == ["\(path):9: error: expected a JSON object"])
  }

  @Test func anElasticsearchSearchResponse() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "response.json",
      """
      {
        "took" : 5,
        "timed_out" : false,
        "_shards" : { "total" : 1, "successful" : 1, "skipped" : 0, "failed" : 0 },
        "hits" : {
          "total" : { "value" : 2, "relation" : "eq" },
          "max_score" : 1.0,
          "hits" : [
            { "_index" : ".ds-logs-endpoint.events.process-default-2024.05.01-000001", "_id" : "id-1",
              "_score" : 1.0, "_source" : { "name" : "first", "process" : { "pid" : 4 } } },
            { "_index" : "logs-b", "_id" : "id-2", "_source" : { "@timestamp" : "2024-05-01T00:00:00Z" } }
          ]
        }
      }
      """)
    var reporter = BadInputReporter(printsToStandardError: false)
    let decoder = EventDecoder(fields: ["name"])
    let reader = EventReader(decoder: decoder, reporter: reporter)
    var seen: [String] = []
    try reader.read(.file(path)) { event in
      seen.append(
        "\(event.index ?? "-") \(event.documentID ?? "-") \(event.string(decoder.catalog.id("name")!) ?? "-")")
      #expect(event.bytes.first == UInt8(ascii: "{") && event.bytes.last == UInt8(ascii: "}"))
    }
    reporter = reader.reporter
    #expect(seen == [".ds-logs-endpoint.events.process-default-2024.05.01-000001 id-1 first", "logs-b id-2 -"])
    #expect(!reporter.hasProblems)
  }
}
