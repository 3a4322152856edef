import Foundation
import Testing
import VigilEQL
import VigilEvents
import VigilQuery

/// The EQL conformance cases (`cases.txt`) over the fixture events (`events.ndjson`), each run through ``EQLSearch``,
/// the path `vigil query --language eql` takes: parse, lower, filter, sort, match, order, pipes, size.
struct EQLConformanceTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var group: String
    var query: String
    var size: Int?
    var maxSamplesPerKey = 1
    /// Each result's event ids (`_` for a missing event): one id per result for an event query.
    var expected: [[String]]
    /// For a query Elasticsearch rejects: a fragment of the error message.
    var expectedError: String?
    var line: Int
    var testDescription: String { "cases.txt:\(line) [\(group)] \(query)" }
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  /// The fixture's lines, as bytes, and the `id` of each.
  static let fixture: [(bytes: [UInt8], id: String)] = {
    let text = (try? String(contentsOf: folder.appendingPathComponent("events.ndjson"), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map { line in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return (Array(line.utf8), object?["id"] as? String ?? "?")
    }
  }()

  static let cases: [Case] = {
    guard let text = try? String(contentsOf: folder.appendingPathComponent("cases.txt"), encoding: .utf8) else {
      return []
    }
    var cases: [Case] = []
    var group = ""
    var current: Case?
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.hasPrefix("## ") {
        group = String(line.dropFirst(3))
      } else if line.hasPrefix("query: ") {
        current = Case(group: group, query: String(line.dropFirst(7)), expected: [], line: index + 1)
      } else if line.hasPrefix("size: ") {
        current?.size = Int(line.dropFirst(6))
      } else if line.hasPrefix("max-samples-per-key: ") {
        current?.maxSamplesPerKey = Int(line.dropFirst(21)) ?? 1
      } else if line.hasPrefix("expect: error "), var done = current {
        done.expectedError = String(line.dropFirst(14))
        cases.append(done)
        current = nil
      } else if line.hasPrefix("expect: "), var done = current {
        done.expected = parseExpected(String(line.dropFirst(8)))
        cases.append(done)
        current = nil
      }
    }
    return cases
  }()

  /// `e01 e02` (one result each), `[e01 e02] [e03 _]` (one result per bracket), or `none`.
  static func parseExpected(_ text: String) -> [[String]] {
    if text == "none" { return [] }
    guard text.hasPrefix("[") else { return text.split(separator: " ").map { [String($0)] } }
    return text.split(separator: "]").map { group in
      group.replacingOccurrences(of: "[", with: "").split(separator: " ").map(String.init)
    }.filter { !$0.isEmpty }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func run(_ testCase: Case) throws -> [[String]] {
    let parsed = EQLParser.parse(testCase.query)
    guard let tree = parsed.validQuery else { throw Failure(description: "\(parsed.diagnostics.map(\.message))") }
    var fields = FieldResolver()
    let lowered = EQLLowering.lower(tree, fields: &fields)
    if lowered.diagnostics.hasErrors { throw Failure(description: "\(lowered.diagnostics.map(\.message))") }
    if case .sequence(let sequence) = lowered.body, let reason = EQLSequenceMatcher.unsupportedReason(sequence) {
      throw Failure(description: reason)
    }
    var search = EQLSearch(
      lowered, options: .init(size: testCase.size, maxSamplesPerKey: testCase.maxSamplesPerKey))
    let decoder = EventDecoder(catalog: fields.catalog)
    var ids: [[UInt8]: String] = [:]
    for line in fixture {
      ids[line.bytes] = line.id
      search.add(try decoder.decode(line.bytes))
    }
    let result = search.finish()
    return result.matches.map { match in
      match.events.map { position in position.map { ids[result.events[$0].bytes] ?? "?" } ?? "_" }
    }
  }

  @Test func theDataFilesAreRead() {
    #expect(Self.fixture.count == 22)
    #expect(Self.cases.count >= 100)
  }

  @Test(arguments: cases)
  func conforms(_ testCase: Case) throws {
    if let fragment = testCase.expectedError {
      let messages = EQLParser.parse(testCase.query).diagnostics.map(\.message)
      #expect(messages.contains { $0.contains(fragment) }, "\(messages)")
    } else {
      #expect(try Self.run(testCase) == testCase.expected)
    }
  }
}
