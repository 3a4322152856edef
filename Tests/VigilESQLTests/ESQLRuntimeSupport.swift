import Foundation
import Testing
import VigilESQL
import VigilEvents
import VigilQuery

/// A runtime case: a query over events (JSON lines) and the rows it must give, each as its JSON object.
struct ESQLRuntimeCase: CustomTestStringConvertible, Sendable {
  var query: String
  var events: [String]
  var rows: [String]
  var warnings: Int?

  init(_ query: String, _ events: [String], _ rows: [String], warnings: Int? = nil) {
    self.query = query
    self.events = events
    self.rows = rows
    self.warnings = warnings
  }

  var testDescription: String { query }
}

/// Runs queries the way `vigil query --language esql` does.
enum ESQLRuntimeHarness {
  /// `NOW()` in the tests: 2024-05-01T12:00:00Z.
  static let now: Int64 = 1_714_564_800 * 1_000_000_000

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func program(_ text: String, kql: ESQLKQLLowering? = nil) throws -> (ESQLProgram, FieldResolver) {
    let parsed = ESQLParser.parse(text)
    guard let query = parsed.query else { throw Failure(description: "\(parsed.diagnostics.map(\.message))") }
    var fields = FieldResolver()
    let compiled = ESQLProgram.compile(query, fields: &fields, kql: kql)
    guard let program = compiled.program else { throw Failure(description: "\(compiled.unsupported)") }
    return (program, fields)
  }

  /// Runs the query; with `prefiltering`, events failing ``ESQLProgram/sourcePredicate`` are skipped as the engine
  /// skips them.
  static func run(_ text: String, _ events: [String], kql: ESQLKQLLowering? = nil, prefiltering: Bool = false)
    throws -> ESQLResult
  {
    let (program, fields) = try program(text, kql: kql)
    let decoder = EventDecoder(catalog: fields.catalog)
    let everything = EventDecoder()
    var run = program.start(now: now)
    let prefilter = PredicateProgram(program.sourcePredicate)
    for (index, line) in events.enumerated() {
      var event = try decoder.decode(line)
      event.documentID = "doc\(index)"
      if prefiltering && !prefilter.evaluate(event) {
        run.skip()
        continue
      }
      if program.wantsAllFields {
        let full = try everything.decode(line)
        run.feed(event, allFields: (full, everything.catalog))
      } else {
        run.feed(event)
      }
    }
    return run.finish()
  }

  static func rows(_ result: ESQLResult) -> [String] {
    result.rows.map { String(decoding: $0.json(), as: UTF8.self) }
  }
}
