import Testing
import VigilESQL
import VigilEvents
import VigilQuery

/// Runs fed the same events through one shared ``ESQLFieldCache`` give the rows they give on their own: each reads
/// a field with its own type (a keyword multi-value sorted and deduplicated, its `text` multi-field in document
/// order), missing fields are `null`, and nothing of one event leaks into the next.
struct ESQLFieldCacheTests {
  static let queries = [
    "FROM a | KEEP process.command_line, custom.list, custom.count, missing.field",
    "FROM a | EVAL t = process.command_line.text | KEEP t, custom.list, custom.count",
    #"FROM a METADATA _id | WHERE custom.count > 1 AND process.command_line.text == "z" | KEEP _id, custom.*"#,
  ]

  static let events = [
    #"{"process.command_line":["b","a","b"],"custom.list":["y","x","y"],"custom.count":2}"#,
    #"{"process.command_line":"z","custom.count":[3,1]}"#,
    #"{"process.command_line":"z","custom.count":5,"custom.list":"w"}"#,
    #"{"other":1}"#,
  ]

  /// Each query's rows, run with one cache shared by all of them.
  static func sharedRows(_ queries: [String] = queries, _ events: [String] = events) throws -> [[String]] {
    var fields = FieldResolver()
    var programs: [ESQLProgram] = []
    for text in queries {
      let query = try #require(ESQLParser.parse(text).query)
      programs.append(try #require(ESQLProgram.compile(query, fields: &fields).program))
    }
    let decoder = EventDecoder(catalog: fields.catalog)
    let everything = EventDecoder()
    var runs = programs.map { $0.start(now: ESQLRuntimeHarness.now) }
    var cache = ESQLFieldCache()
    for (index, line) in events.enumerated() {
      var event = try decoder.decode(line)
      event.documentID = "doc\(index)"
      let full = try everything.decode(line)
      cache.startEvent()
      for position in runs.indices {
        let allFields = programs[position].wantsAllFields ? (full, everything.catalog) : nil
        runs[position].feed(event, allFields: allFields, sharing: &cache)
      }
    }
    return runs.indices.map { ESQLRuntimeHarness.rows(runs[$0].finish()) }
  }

  @Test func sharedCacheGivesTheRowsOfSeparateRuns() throws {
    let shared = try Self.sharedRows()
    for (position, query) in Self.queries.enumerated() {
      #expect(shared[position] == ESQLRuntimeHarness.rows(try ESQLRuntimeHarness.run(query, Self.events)), "\(query)")
    }
  }

  @Test func valuesKeepTheirTypeAndEvent() throws {
    let shared = try Self.sharedRows()
    #expect(
      shared[0] == [
        #"{"process.command_line":["a","b"],"custom.list":["x","y"],"custom.count":2,"missing.field":null}"#,
        #"{"process.command_line":"z","custom.list":null,"custom.count":[1,3],"missing.field":null}"#,
        #"{"process.command_line":"z","custom.list":"w","custom.count":5,"missing.field":null}"#,
        #"{"process.command_line":null,"custom.list":null,"custom.count":null,"missing.field":null}"#,
      ])
    #expect(shared[1].first == #"{"t":["b","a","b"],"custom.list":["x","y"],"custom.count":2}"#)
    #expect(shared[2] == [#"{"_id":"doc2","custom.count":5,"custom.list":"w"}"#])
  }

  /// `_index` is made once per event for all runs: the next event's is its own (its data stream, or none).
  @Test func indexIsThatOfEachEvent() throws {
    let queries = [
      "FROM a METADATA _index | KEEP _index, custom.count",
      "FROM a METADATA _id, _index | WHERE custom.count > 1 | KEEP _id, _index",
    ]
    let events = [
      #"{"data_stream":{"type":"logs","dataset":"system.auth","namespace":"default"},"custom.count":2}"#,
      #"{"custom.count":3}"#,
      #"{"data_stream":{"type":"logs","dataset":"x","namespace":"prod"},"custom.count":1}"#,
    ]
    let shared = try Self.sharedRows(queries, events)
    for (position, query) in queries.enumerated() {
      #expect(shared[position] == ESQLRuntimeHarness.rows(try ESQLRuntimeHarness.run(query, events)), "\(query)")
    }
    #expect(
      shared[0] == [
        #"{"_index":"logs-system.auth-default","custom.count":2}"#, #"{"_index":null,"custom.count":3}"#,
        #"{"_index":"logs-x-prod","custom.count":1}"#,
      ])
  }
}
