import Testing

@testable import VigilESQL

/// Which conditions of an opening `WHERE` the row filter decides on the event's bytes: ``ESQLRowFilterTests`` shows
/// that those it decides agree with the evaluator, which it would also show of a shortcut never taken.
struct ESQLKeywordShortcutTests {
  /// Per condition, whether its conjuncts have a shortcut.
  static let cases: [(String, [Bool])] = [
    (#"process.name == "cmd.exe" AND event.type != "start""#, [true, true]),
    (#"process.name IN ("cmd.exe", "sh") AND NOT event.action IN ("fork")"#, [true, true]),
    (
      #"TO_LOWER(process.name) IN ("cmd.exe", "sh") AND NOT TO_LOWER(process.executable) == "c:\\x.exe""#,
      [true, true]
    ),
    (#"process.name =~ "CMD.exe""#, [true]),
    // Not a keyword comparison with ASCII constants: the evaluator decides.
    ("process.name IN (\"\u{212A}\", \"x\")", [false]),
    (#"TO_UPPER(process.name) == "CMD.EXE" AND process.pid > 1"#, [false, false]),
    (#"process.name LIKE "cmd*" AND NOT process.name LIKE ("*.EXE", "s?")"#, [true, true]),
    (
      #"TO_LOWER(process.executable) LIKE "c:\\windows\\*.exe" AND NOT TO_LOWER(process.name) LIKE "cmd*""#,
      [true, true]
    ),
    // A lower-cased value never matches a capital, and non-ASCII patterns may fold otherwise: the evaluator decides.
    ("TO_LOWER(process.name) LIKE \"CMD*\" AND TO_LOWER(process.name) LIKE \"\u{212A}*\"", [false, false]),
    (#"process.name RLIKE "cmd.*""#, [false]),
    // A keyword field's null test is decided on every event; another type's (a long may hold text that is not a
    // number) is left to the evaluator.
    (#"agent.id IS NOT NULL AND NOT process.name IS NULL AND process.pid IS NOT NULL"#, [true, true, false]),
  ]

  @Test(arguments: cases)
  func conditionsWithAShortcut(_ condition: String, _ expected: [Bool]) throws {
    let (program, _) = try ESQLRuntimeHarness.program("FROM logs-* | WHERE \(condition) | KEEP process.name")
    let conjuncts = try #require(program.rowFilter).conjuncts
    #expect(conjuncts.map { $0.shortcut != nil } == expected)
  }
}
