import Testing
import VigilESQL

/// The row filter decides the conditions of an opening `WHERE` one by one, most of them on the event's bytes
/// (``ESQLKeywordShortcut``): every event must get the rows and warnings the evaluator gives it, which is what it
/// gives a `WHERE` after an `EVAL` (not an opening one).
struct ESQLRowFilterTests {
  static let conditions = [
    #"process.name == "cmd.exe""#,
    #"event.category == "process" AND event.type == "start""#,
    #"event.type != "start" AND process.name IN ("cmd.exe", "SH", "é")"#,
    #"TO_LOWER(process.name) IN ("cmd.exe", "Bash", "sh") AND NOT event.action == "fork""#,
    #"process.name =~ "CMD.exe" OR event.type == "end""#,
    #"NOT process.name IN ("cmd.exe") AND host.name IS NOT NULL AND event.type == "start""#,
    #"event.code == "4624" AND process.name IS NOT NULL"#,
    #"event.type == "start" AND process.pid > 10 AND process.name != "sh""#,
    // KELVIN SIGN is not the bytes of `K` but lower-cases to `k`.
    "process.name IN (\"\u{212A}\", \"x\") AND event.type IS NOT NULL",
    "\"\u{212A}\" == process.name AND event.type IS NOT NULL",
    "process.name =~ \"\u{212A}\" AND event.type IS NOT NULL",
    "TO_LOWER(process.name) IN (\"\u{212A}\", \"k\", \"x\") AND event.type IS NOT NULL",
    // LATIN CAPITAL LETTER I WITH DOT ABOVE lower-cases to two scalars as a string, to `i` as one scalar.
    "process.name =~ \"SH\u{130}\" AND event.type IS NOT NULL",
    // Patterns, on the value as it is and lower-cased.
    #"process.name LIKE "cmd*" OR process.name LIKE ("?h", "*.EXE")"#,
    #"NOT TO_LOWER(process.name) LIKE ("cmd.*", "s?") AND event.type IS NOT NULL"#,
    #"TO_LOWER(process.name) LIKE "*h*" AND NOT process.name LIKE "b*""#,
    "TO_LOWER(process.name) LIKE \"k*\" AND event.type IS NOT NULL",
    // Null tests: absent, `null`, `[]`, objects and arrays of them are null; any other value is not.
    #"process.name IS NULL AND event.type IS NOT NULL"#,
    #"NOT process.name IS NOT NULL AND NOT host.name IS NULL"#,
  ]

  static let events = [
    #"{"event":{"category":"process","type":"start","action":"exec"},"process":{"name":"cmd.exe","pid":42},"host":{"name":"h"}}"#,
    #"{"event":{"category":["process"],"type":["start","end"]},"process":{"name":"CMD.EXE","pid":7}}"#,
    #"{"event":{"category":"network","type":"end","code":4624},"process":{"name":"sh"}}"#,
    #"{"event":{"type":"start","action":"fork","code":"4624"},"process":{"name":"bash","pid":11},"host":{"name":"h"}}"#,
    #"{"event":{"type":"info"},"process":{"name":"é","pid":1}}"#,
    #"{"event":{"type":"start"},"process":{"name":"e\u0301","pid":99}}"#,
    #"{"event":{"type":null},"process":{"name":["sh","cmd.exe"]}}"#,
    #"{"event":{"type":"start"},"process":{"name":null,"pid":12},"host":{"name":"h"}}"#,
    #"{"event":{"category":"process","type":"start"}}"#,
    #"{"event":{"type":"start"},"process":{"name":"K"}}"#,
    #"{"event":{"type":"start"},"process":{"name":"shi"}}"#,
    #"{"event":{"type":"start"},"process":{"name":[]},"host":{"name":"h"}}"#,
    #"{"event":{"type":"start"},"process":{"name":[null,{"a":1}]},"host":{"name":[null]}}"#,
    #"{"event":{"type":"start"},"process":{"name":{"a":"sh"}},"host":{"name":7}}"#,
    #"{"event":{"type":"start"},"process":{"name":[null,7]},"host":{"name":true}}"#,
  ]

  @Test(arguments: conditions)
  func openingConditionsDecideAsTheEvaluator(_ condition: String) throws {
    let opening = try ESQLRuntimeHarness.run(
      "FROM logs-* | WHERE \(condition) | KEEP process.name, event.type", Self.events)
    let evaluated = try ESQLRuntimeHarness.run(
      "FROM logs-* | EVAL z = 1 | WHERE \(condition) | KEEP process.name, event.type", Self.events)
    #expect(ESQLRuntimeHarness.rows(opening) == ESQLRuntimeHarness.rows(evaluated))
    #expect(opening.warnings == evaluated.warnings)
  }

  @Test func theCasesReachKeptRowsAndWarnings() throws {
    let kept = try ESQLRuntimeHarness.run(
      #"FROM logs-* | WHERE event.category == "process" AND event.type == "start" | KEEP process.name"#, Self.events)
    #expect(ESQLRuntimeHarness.rows(kept) == [#"{"process.name":"cmd.exe"}"#, #"{"process.name":null}"#])
    #expect(kept.warnings > 0)
  }

  @Test func nullTestsKeepTheEventsWithoutAValue() throws {
    let kept = try ESQLRuntimeHarness.run(
      "FROM logs-* | WHERE process.name IS NULL AND event.type IS NOT NULL | KEEP host.name", Self.events)
    #expect(
      ESQLRuntimeHarness.rows(kept) == [
        #"{"host.name":"h"}"#, #"{"host.name":null}"#, #"{"host.name":"h"}"#, #"{"host.name":null}"#,
        #"{"host.name":"7"}"#,
      ])
  }
}
