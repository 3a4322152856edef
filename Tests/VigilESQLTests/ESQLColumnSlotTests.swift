import Testing
import VigilESQL
import VigilEvents
import VigilQuery

/// Compiled expressions read columns by position in the row layout: positions must follow every command that
/// renames, replaces, drops, keeps or appends columns, and rows whose columns differ (documents with other fields).
struct ESQLColumnSlotTests {
  static let cases: [ESQLRuntimeCase] = [
    // RENAME frees a name that a later EVAL takes again; DROP moves the columns after the dropped one.
    .init(
      "FROM logs-* | EVAL a = destination.port + 1 | RENAME a AS b | EVAL a = b * 10 | DROP destination.port "
        + "| EVAL c = a + b | KEEP c, a, b", ESQLPipelineRuntimeTests.hosts,
      [#"{"c":121,"a":110,"b":11}"#, #"{"c":231,"a":210,"b":21}"#, #"{"c":341,"a":310,"b":31}"#]),
    // A later assignment of one EVAL reads the column an earlier one replaced; RENAME onto an existing column.
    .init(
      #"FROM logs-* | EVAL host.name = TO_UPPER(host.name), n = LENGTH(host.name) | RENAME host.name AS process.name "#
        + #"| WHERE process.name == "A" | KEEP process.name, n"#, ESQLPipelineRuntimeTests.hosts,
      [#"{"process.name":"A","n":1}"#, #"{"process.name":"A","n":1}"#]),
    // DISSECT replaces a document column, and later commands read the new one.
    .init(
      #"FROM logs-* | DISSECT host.name "%{process.name}" | EVAL l = LENGTH(process.name) | KEEP process.name, l"#,
      ESQLPipelineRuntimeTests.hosts,
      [#"{"process.name":"a","l":1}"#, #"{"process.name":"a","l":1}"#, #"{"process.name":"b","l":1}"#]),
    // Without KEEP every document field is a column, so rows of different documents have different layouts.
    .init(
      "FROM logs-* | EVAL x = destination.port * 2 | WHERE x > 25 | DROP @timestamp, event.*",
      ESQLPipelineRuntimeTests.hosts,
      [
        #"{"destination.port":20,"host.name":"a","process.name":"sh","user.name":"bob","x":40}"#,
        #"{"destination.port":30,"host.name":"b","x":60}"#,
      ]),
    // … and so do rows that SORT gathers before the next command.
    .init(
      "FROM logs-* | SORT destination.port DESC | EVAL y = destination.port + 1 | DROP @timestamp, event.*, user.name",
      ESQLPipelineRuntimeTests.hosts,
      [
        #"{"destination.port":30,"host.name":"b","y":31}"#,
        #"{"destination.port":20,"host.name":"a","process.name":"sh","y":21}"#,
        #"{"destination.port":10,"host.name":"a","process.name":"cmd.exe","y":11}"#,
      ]),
    // STATS reads its input through the renamed column; its outputs read the aggregate results.
    .init(
      "FROM logs-* | WHERE destination.port > 5 | RENAME process.name AS q "
        + "| STATS n = COUNT(q), s = SUM(destination.port) + 1 BY host.name", ESQLPipelineRuntimeTests.hosts,
      [#"{"n":2,"s":31,"host.name":"a"}"#, #"{"n":0,"s":31,"host.name":"b"}"#]),
    // A constant that warns is not folded away: every row still warns.
    .init(
      "FROM logs-* | EVAL x = 1 / 0 | KEEP x", ESQLPipelineRuntimeTests.hosts,
      [#"{"x":null}"#, #"{"x":null}"#, #"{"x":null}"#], warnings: 3),
  ]

  @Test(arguments: cases)
  func runs(_ test: ESQLRuntimeCase) throws {
    let result = try ESQLRuntimeHarness.run(test.query, test.events)
    #expect(ESQLRuntimeHarness.rows(result) == test.rows)
    if let warnings = test.warnings { #expect(result.warnings == warnings) }
  }

  /// A query built without the parser (which checks arity) cannot reach rows with a function called with the wrong
  /// number of arguments: compiling reports it.
  @Test(arguments: [("LENGTH", 2), ("TO_LOWER", 0), ("MV_SLICE", 1), ("CONCAT", 1)])
  func wrongArityIsUnsupported(_ name: String, _ count: Int) throws {
    var query = try #require(ESQLParser.parse("FROM logs-* | EVAL x = host.name").query)
    guard case .eval(var assignments) = query.commands[1].kind else {
      Issue.record("not an EVAL")
      return
    }
    let field = assignments[0].expression
    assignments[0].expression.kind = .call(
      name: name, arguments: Array(repeating: field, count: count), options: nil)
    query.commands[1].kind = .eval(assignments)
    var fields = FieldResolver()
    let compiled = ESQLProgram.compile(query, fields: &fields)
    #expect(compiled.program == nil)
    #expect(compiled.unsupported.map(\.construct) == [name])
  }
}
