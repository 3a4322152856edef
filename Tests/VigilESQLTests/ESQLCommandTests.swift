import Testing
import VigilESQL

/// Each command parses and prints in canonical form; printing then parsing gives the same AST.
struct ESQLCommandTests {
  static let cases: [(String, String)] = [
    // FROM
    ("from logs-*", "FROM logs-*"),
    (
      "FROM logs-endpoint.events.process-*, .alerts-security.*",
      "FROM logs-endpoint.events.process-*, .alerts-security.*"
    ),
    (
      "FROM logs-*,winlogbeat-* METADATA _id, _index, _version",
      "FROM logs-*, winlogbeat-* METADATA _id, _index, _version"
    ),
    ("from \"logs one\" metadata _id", "FROM \"logs one\" METADATA _id"),
    ("FROM remote:logs-* // trailing comment", "FROM remote:logs-*"),
    ("FROM logs-*/* block */| LIMIT 1", "FROM logs-* | LIMIT 1"),
    // WHERE
    ("FROM a | where x == 1 and y like \"*.exe\"", "FROM a | WHERE x == 1 AND y LIKE \"*.exe\""),
    ("FROM a | WHERE (x == 1 OR y == 2) AND NOT z", "FROM a | WHERE (x == 1 OR y == 2) AND NOT z"),
    ("FROM a | WHERE NOT (x OR y)", "FROM a | WHERE NOT (x OR y)"),
    ("FROM a | WHERE a - (b - c) > 0", "FROM a | WHERE a - (b - c) > 0"),
    ("FROM a | WHERE (a == b) == c", "FROM a | WHERE (a == b) == c"),
    ("FROM a | WHERE KQL(\"\"\"event.action:\"x\" \"\"\")", "FROM a | WHERE KQL(\"event.action:\\\"x\\\" \")"),
    ("FROM a | WHERE p : \"x\"", "FROM a | WHERE p : \"x\""),
    // EVAL
    ("FROM a | eval b = a + 1, c = to_lower(d), e + 1", "FROM a | EVAL b = a + 1, c = TO_LOWER(d), e + 1"),
    ("FROM a | EVAL `my field` = 1", "FROM a | EVAL `my field` = 1"),
    ("FROM a | EVAL x = CASE(a, 1, b, 2, 3)", "FROM a | EVAL x = CASE(a, 1, b, 2, 3)"),
    ("FROM a | EVAL t = DATE_TRUNC(1 hour, @timestamp)", "FROM a | EVAL t = DATE_TRUNC(1 hour, @timestamp)"),
    ("FROM a | EVAL r = x::double / -y", "FROM a | EVAL r = x::double / -y"),
    ("FROM a | EVAL r = (-x)::long", "FROM a | EVAL r = (-x)::long"),
    ("FROM a | EVAL r = - -1", "FROM a | EVAL r = - -1"),
    // STATS
    ("FROM a | stats count(*)", "FROM a | STATS COUNT(*)"),
    (
      "FROM a | STATS c = COUNT(*), v = VALUES(x) BY host.name, user.name",
      "FROM a | STATS c = COUNT(*), v = VALUES(x) BY host.name, user.name"
    ),
    ("FROM a | STATS BY host.name", "FROM a | STATS BY host.name"),
    (
      "FROM a | STATS f = COUNT(*) WHERE o == \"failure\", s = COUNT(*) WHERE o == \"success\" BY u",
      "FROM a | STATS f = COUNT(*) WHERE o == \"failure\", s = COUNT(*) WHERE o == \"success\" BY u"
    ),
    (
      "FROM a | STATS c = COUNT(*) BY t = DATE_TRUNC(5 minutes, @timestamp), h",
      "FROM a | STATS c = COUNT(*) BY t = DATE_TRUNC(5 minutes, @timestamp), h"
    ),
    (
      "FROM a | STATS m = MV_SLICE(MV_DEDUPE(VALUES(x)), 0, 10)",
      "FROM a | STATS m = MV_SLICE(MV_DEDUPE(VALUES(x)), 0, 10)"
    ),
    ("FROM a | STATS r = ROUND(SUM(b) / COUNT(*), 2)", "FROM a | STATS r = ROUND(SUM(b) / COUNT(*), 2)"),
    ("FROM a | INLINE STATS n = COUNT_DISTINCT(h) BY d", "FROM a | INLINE STATS n = COUNT_DISTINCT(h) BY d"),
    ("FROM a | inlinestats n = COUNT(*)", "FROM a | INLINE STATS n = COUNT(*)"),
    ("FROM a | inline  stats n = VALUES(x) WHERE x != \"\"", "FROM a | INLINE STATS n = VALUES(x) WHERE x != \"\""),
    // KEEP / DROP / RENAME
    ("FROM a | keep @timestamp, Esql.*, host.*name, _id", "FROM a | KEEP @timestamp, Esql.*, host.*name, _id"),
    ("FROM a | KEEP *", "FROM a | KEEP *"),
    ("FROM a | KEEP `odd name`.x", "FROM a | KEEP `odd name.x`"),
    ("FROM a | DROP x, y*", "FROM a | DROP x, y*"),
    ("FROM a | RENAME a.b AS c, d = e", "FROM a | RENAME a.b AS c, e AS d"),
    // SORT / LIMIT
    ("FROM a | SORT x", "FROM a | SORT x"),
    ("FROM a | sort x desc, y asc nulls first, z nulls last", "FROM a | SORT x DESC, y ASC NULLS FIRST, z NULLS LAST"),
    ("FROM a | SORT COUNT DESC", "FROM a | SORT COUNT DESC"),
    ("FROM a | limit 10", "FROM a | LIMIT 10"),
    // MV_EXPAND / DISSECT / GROK
    ("FROM a | mv_expand process.args", "FROM a | MV_EXPAND process.args"),
    (
      "FROM a | DISSECT m \"%{a} %{+a}\" APPEND_SEPARATOR=\"-\"",
      "FROM a | DISSECT m \"%{a} %{+a}\" APPEND_SEPARATOR = \"-\""
    ),
    ("FROM a | dissect m \"\"\"%{a}\"%{b}\"\"\"", "FROM a | DISSECT m \"%{a}\\\"%{b}\""),
    ("FROM a | GROK m \"%{IP:ip} %{WORD:w}\"", "FROM a | GROK m \"%{IP:ip} %{WORD:w}\""),
    (
      "FROM a | GROK m::string \"\"\"(?<x>\\d+)\"\"\", \"%{INT:y}\"",
      "FROM a | GROK m::string \"(?<x>\\\\d+)\", \"%{INT:y}\""
    ),
    // COMPLETION
    (
      "FROM a | COMPLETION r = p WITH { \"inference_id\": \"x\" }",
      "FROM a | COMPLETION r = p WITH {\"inference_id\": \"x\"}"
    ),
    (
      "FROM a | COMPLETION p WITH my_endpoint AS r",
      "FROM a | COMPLETION r = p WITH {\"inference_id\": \"my_endpoint\"}"
    ),
    (
      "FROM a | COMPLETION CONCAT(a, b) WITH {\"inference_id\": \"x\"}",
      "FROM a | COMPLETION CONCAT(a, b) WITH {\"inference_id\": \"x\"}"
    ),
    // Comments and case
    ("// leading\nFROM a /* x */ | /* y */ WhErE b // z\n| LiMiT 1", "FROM a | WHERE b | LIMIT 1"),
    ("FROM a | WHERE b /* nested /* block */ comment */ == 1", "FROM a | WHERE b == 1"),
  ]

  @Test("canonical printing", arguments: cases)
  func prints(text: String, canonical: String) throws {
    let result = ESQLParser.parse(text)
    #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.map(\.message))")
    let query = try #require(result.query)
    let printed = ESQLPrinter(layout: .singleLine).print(query)
    #expect(printed == canonical)
    let reparsed = ESQLParser.parse(printed).query
    #expect(reparsed?.commands == query.commands)
  }

  @Test func multilineLayoutPutsOneCommandPerLine() throws {
    let query = try #require(ESQLParser.parse("from a metadata _id | where b | keep c").query)
    #expect(ESQLPrinter().print(query) == "FROM a METADATA _id\n| WHERE b\n| KEEP c")
  }

  @Test func rangesPointAtTheSource() throws {
    let text = "FROM logs-* | WHERE process.name == \"cmd.exe\""
    let query = try #require(ESQLParser.parse(text).query)
    #expect(query.commands.map { query.text(of: $0.range) } == ["FROM logs-*", "WHERE process.name == \"cmd.exe\""])
    guard case .where(let condition) = query.commands[1].kind, case .binary(_, let left, let right) = condition.kind
    else {
      Issue.record("expected a comparison")
      return
    }
    #expect(query.text(of: left.range) == "process.name")
    #expect(query.text(of: right.range) == "\"cmd.exe\"")
  }

  @Test func equalityIgnoresRangesButNotValues() throws {
    let a = try #require(ESQLParser.parse("FROM a | WHERE x == 1").query)
    let b = try #require(ESQLParser.parse("from   a\n|   where x==1").query)
    let c = try #require(ESQLParser.parse("FROM a | WHERE x == 2").query)
    #expect(a.commands == b.commands)
    #expect(a.commands != c.commands)
  }
}
