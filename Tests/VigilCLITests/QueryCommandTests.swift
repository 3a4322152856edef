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

  @Test func syntaxErrorsAreUsageErrorsWithACaret() throws {
    let result = try VigilRunner.run(["query", "--language", "kql", "process.name:(nc", Self.events])
    #expect(result.status == 2)
    #expect(result.stderr.contains("<query>:1:14: error: unbalanced parenthesis"))
    #expect(result.stderr.contains("    process.name:(nc\n                 ^"))
  }
}
