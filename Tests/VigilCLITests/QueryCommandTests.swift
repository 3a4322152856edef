import Foundation
import Testing

@Suite(.serialized)
struct QueryCommandTests {
  static let events = "Examples/events/linux_hosts.ndjson"

  @Test func printsMatchingEventsAsTheirOriginalText() throws {
    let result = try VigilRunner.run([
      "query", "--language", "kql", #"process.name:(nc or socat) and process.args:"-U""#, Self.events,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let originals = try String(contentsOf: VigilRunner.packageRoot.appendingPathComponent(Self.events), encoding: .utf8)
      .split(separator: "\n").map(String.init)
    #expect(result.stdoutLines.count == 2)
    #expect(result.stdoutLines.allSatisfy { originals.contains($0) })
    #expect(result.stdoutLines.allSatisfy { $0.contains(#""-U""#) })
  }

  @Test func countsMatches() throws {
    let result = try VigilRunner.run(["query", "--language", "kql", "--count", "event.category:process", Self.events])
    #expect(result.stdout == "22\n")
    let auth = try VigilRunner.run([
      "query", "--language", "kql", "--count", "event.category:authentication and source.ip:203.0.113.7", Self.events,
    ])
    #expect(auth.stdout == "6\n")
  }

  @Test func luceneQueriesCountTheSameEventsAsTheirKQLTwins() throws {
    let lucene = try VigilRunner.run([
      "query", "--language", "lucene", "--count", #"process.name:(nc OR socat) AND process.args:\-U"#, Self.events,
    ])
    #expect(lucene.status == 0, "\(lucene.stderr)")
    #expect(lucene.stdout == "2\n")
    let addresses = try VigilRunner.run([
      "query", "--language", "lucene", "--count", "event.category:authentication AND source.ip:203.0.113.7",
      Self.events,
    ])
    #expect(addresses.stdout == "6\n")
    let broken = try VigilRunner.run(["query", "--language", "lucene", "process.name:(nc", Self.events])
    #expect(broken.status == 2)
    #expect(broken.stderr.contains("error: unclosed '('"))
  }

  @Test func readsStandardInput() throws {
    let input = Data(#"{"process":{"name":"nc"}}\#n{"process":{"name":"ls"}}\#n"#.utf8)
    let result = try VigilRunner.run(["query", "--language", "kql", "process.name:nc"], input: input)
    #expect(result.stdout == #"{"process":{"name":"nc"}}\#n"#)
  }

  @Test func badLinesAreReportedAndSkipped() throws {
    let input = Data("{\"process\":{\"name\":\"nc\"}}\n{not json\n{\"process\":{\"name\":\"nc\"}}\n".utf8)
    let result = try VigilRunner.run(["query", "--language", "kql", "--count", "process.name:nc"], input: input)
    #expect(result.stdout == "2\n")
    #expect(result.status == 1)
    #expect(result.stderr.contains("<stdin>:2: error:"))
  }

  @Test func freeTextLooksInEveryField() throws {
    let input = Data(
      #"""
      {"message":"The quick brown fox","process":{"pid":1}}
      {"process":{"pid":1234,"name":"bash"}}
      {"custom":{"note":"quick"}}
      {"process":{"name":"ls"}}

      """#.utf8)
    let quick = try VigilRunner.run(["query", "--language", "kql", "--count", "quick"], input: input)
    #expect(quick.status == 0, "\(quick.stderr)")
    #expect(quick.stdout == "2\n")
    let number = try VigilRunner.run(["query", "--language", "kql", "1234 and not custom.note:*"], input: input)
    #expect(number.stdout == #"{"process":{"pid":1234,"name":"bash"}}\#n"#)
    let pattern = try VigilRunner.run(["query", "--language", "kql", "--count", "process.*:bash"], input: input)
    #expect(pattern.status == 0, "\(pattern.stderr)")
    #expect(pattern.stdout == "1\n")
  }

  @Test func checkerWarningsGoToStandardError() throws {
    let input = Data(#"{"a":"b or"}\#n{"a":"b"}\#n"#.utf8)
    let result = try VigilRunner.run(["query", "--language", "kql", "a:b or"], input: input)
    #expect(result.status == 0)
    #expect(result.stdout == #"{"a":"b or"}\#n"#)
    #expect(result.stderr.contains("<query>:1:3: warning: 'b or' ends with 'or'"), "\(result.stderr)")
  }

  @Test func syntaxErrorsAreUsageErrorsWithACaret() throws {
    let result = try VigilRunner.run(["query", "--language", "kql", "process.name:(nc", Self.events])
    #expect(result.status == 2)
    #expect(result.stderr.contains("<query>:1:14: error: unbalanced parenthesis"))
    #expect(result.stderr.contains("    process.name:(nc\n                 ^"))
  }
}

/// `vigil query --language eql` options that mirror Elasticsearch's EQL search request.
@Suite(.serialized)
struct EQLQueryOptionTests {
  static func run(_ arguments: [String], _ lines: [String]) throws -> [String] {
    let result = try VigilRunner.run(
      ["query", "--language", "eql"] + arguments, input: Data((lines.joined(separator: "\n") + "\n").utf8))
    #expect(result.status == 0, "\(result.stderr)")
    return result.stdoutLines
  }

  @Test func maxPartialsPerStageEvictsAndReportsOnStandardError() throws {
    let lines = (0..<5).map { #"{"@timestamp":"2024-01-01T00:00:0\#($0)Z","event":{"category":"process"},"host":{"id":"h\#($0)"}}"# }
      + (0..<5).map { #"{"@timestamp":"2024-01-01T00:00:1\#($0)Z","event":{"category":"network"},"host":{"id":"h\#($0)"}}"# }
    let query = "sequence by host.id [process where true] [network where true]"
    let input = Data((lines.joined(separator: "\n") + "\n").utf8)
    let limited = try VigilRunner.run(
      ["query", "--language", "eql", "--count", "--max-partials-per-stage", "2", query], input: input)
    #expect(limited.status == 0, "\(limited.stderr)")
    #expect(limited.stdout == "2\n")
    #expect(limited.stderr.contains("warning: 3 partial sequences were evicted"), "\(limited.stderr)")
    let unlimited = try VigilRunner.run(["query", "--language", "eql", "--count", query], input: input)
    #expect(unlimited.stdout == "5\n")
    #expect(unlimited.stderr.isEmpty, "\(unlimited.stderr)")
  }

  static func event(_ name: String, at time: String, ingested: String? = nil, sequence: Int? = nil) -> String {
    let extra = (ingested.map { #","ingested":"\#($0)""# } ?? "") + (sequence.map { #","sequence":\#($0)"# } ?? "")
    return #"{"@timestamp":"\#(time)","event":{"category":"process"\#(extra)},"host":{"id":"h"},"process":{"name":"\#(name)"}}"#
  }

  static let sequence = #"sequence by host.id [process where process.name == "a"] [process where process.name == "b"]"#

  @Test func sizeLimitsEventsAndSequences() throws {
    let events = (0..<5).map { Self.event("a", at: "2026-11-02T09:00:0\($0)Z") }
    #expect(try Self.run(["--size", "2", "process where true"], events).count == 2)
    let pairs = (0..<3).flatMap { [Self.event("a", at: "2026-11-02T09:0\($0):00Z"), Self.event("b", at: "2026-11-02T09:0\($0):30Z")] }
    #expect(try Self.run([Self.sequence], pairs).count == 3)
    #expect(try Self.run(["--size", "1", Self.sequence], pairs).count == 1)
  }

  @Test func timestampFieldOrdersSequences() throws {
    // By @timestamp b comes first; by event.ingested a does.
    let events = [
      Self.event("a", at: "2026-11-02T09:00:10Z", ingested: "2026-11-02T09:00:01Z"),
      Self.event("b", at: "2026-11-02T09:00:05Z", ingested: "2026-11-02T09:00:02Z"),
    ]
    #expect(try Self.run([Self.sequence], events).isEmpty)
    #expect(try Self.run(["--timestamp-field", "event.ingested", Self.sequence], events).count == 1)
  }

  @Test func tiebreakerOrdersEventsWithTheSameTime() throws {
    let events = [
      Self.event("b", at: "2026-11-02T09:00:00Z", sequence: 2), Self.event("a", at: "2026-11-02T09:00:00Z", sequence: 1),
    ]
    #expect(try Self.run([Self.sequence], events).isEmpty)
    #expect(try Self.run(["--tiebreaker-field", "event.sequence", Self.sequence], events).count == 1)
  }

  /// Sample join keys compare text byte for byte, as Elasticsearch groups keywords: `é` written precomposed and
  /// decomposed are two keys, so their events form no sample together.
  @Test func sampleKeysCompareTextByteForByte() throws {
    func event(_ name: String, host: String) -> String {
      #"{"@timestamp":"2026-11-02T09:00:00Z","event":{"category":"process"},"host":{"id":"\#(host)"},"process":{"name":"\#(name)"}}"#
    }
    let sample = #"sample by host.id [process where process.name == "a"] [process where process.name == "b"]"#
    #expect(try Self.run([sample], [event("a", host: "caf\u{E9}"), event("b", host: "cafe\u{301}")]).isEmpty)
    #expect(try Self.run([sample], [event("a", host: "caf\u{E9}"), event("b", host: "caf\u{E9}")]).count == 1)
  }

  @Test func maxSamplesPerKey() throws {
    let events = (0..<3).flatMap { [Self.event("a", at: "2026-11-02T09:0\($0):00Z"), Self.event("b", at: "2026-11-02T09:0\($0):30Z")] }
    let sample = #"sample by host.id [process where process.name == "a"] [process where process.name == "b"]"#
    #expect(try Self.run([sample], events).count == 1)
    #expect(try Self.run(["--max-samples-per-key", "2", sample], events).count == 2)
  }
}

extension EQLQueryOptionTests {
  @Test func eventQueriesReturnMatchesInTimeOrderThenPipes() throws {
    let events = [
      Self.event("a", at: "2026-11-02T09:00:03Z"), Self.event("a", at: "2026-11-02T09:00:01Z"),
      Self.event("a", at: "2026-11-02T09:00:02Z"),
    ]
    let sorted = try Self.run(["process where true"], events)
    #expect(sorted.map { $0.contains("09:00:01") } == [true, false, false])
    #expect(sorted.last?.contains("09:00:03") == true)
    let tail = try Self.run(["process where true | tail 1"], events)
    #expect(tail.count == 1 && tail[0].contains("09:00:03"))
  }
}
