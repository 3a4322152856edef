import Testing
import VigilESQL

/// Which document fields a query reads, and the other facts the engine asks of a query.
struct ESQLFieldTests {
  static let cases: [(String, [String], [String], Bool)] = [
    ("FROM a | WHERE process.name == \"x\" AND host.os.type == \"linux\"", ["host.os.type", "process.name"], [], true),
    ("FROM a METADATA _id, _index | WHERE _id IS NOT NULL | KEEP _id, user.name", ["user.name"], [], false),
    // EVAL creates columns: later reads of them are not document reads; the read before the assignment is.
    (
      "FROM a | EVAL x = TO_LOWER(p.name), p.name = TRIM(p.name) | WHERE x == \"a\" AND p.name != \"\"", ["p.name"], [],
      true
    ),
    ("FROM a | EVAL b = 1, c = b + d", ["d"], [], true),
    // STATS replaces all columns: nothing after it reads the document.
    (
      "FROM a | STATS c = COUNT(*) WHERE o == \"f\" BY h = host.id | WHERE c > 5 AND h != \"x\" | KEEP h, c",
      ["host.id", "o"], [], false
    ),
    ("FROM a | INLINE STATS n = COUNT_DISTINCT(u) BY d | WHERE n > 1 AND e == 2", ["d", "e", "u"], [], true),
    // DISSECT / GROK / RENAME / COMPLETION outputs.
    ("FROM a | DISSECT m \"%{k} %{?skip} %{+k}\" | WHERE k == \"1\" AND skip == 2", ["m", "skip"], [], true),
    ("FROM a | GROK m \"%{IP:src.ip} (?<port>\\\\d+)\" | WHERE src.ip IS NOT NULL AND port > 1", ["m"], [], true),
    ("FROM a | RENAME x AS y | WHERE y == 1", ["x"], [], true),
    ("FROM a | COMPLETION r = p WITH {\"inference_id\": \"e\"} | WHERE r == \"x\"", ["p"], [], true),
    // KEEP patterns and MV_EXPAND, SORT.
    (
      "FROM a | MV_EXPAND args | SORT @timestamp DESC | KEEP Esql.*, event.*, host.name",
      ["@timestamp", "args", "host.name"],
      ["Esql.*", "event.*"], false
    ),
    ("FROM a | DROP x | LIMIT 5", [], [], true),
  ]

  @Test("referenced fields", arguments: cases)
  func fields(text: String, fields: [String], patterns: [String], all: Bool) throws {
    let query = try #require(ESQLParser.parse(text).query)
    #expect(query.referencedFields == fields)
    #expect(query.referencedFieldPatterns == patterns)
    #expect(query.outputsAllFields == all)
  }

  @Test func queryFacts() throws {
    let query = try #require(
      ESQLParser.parse(
        "from logs-endpoint.events.*, logs-windows.* metadata _id, _index, _version | stats c = count(*)"
      )
      .query)
    #expect(query.isAggregating)
    #expect(!query.requiresInference)
    #expect(query.metadataFields == ["_id", "_index", "_version"])
    #expect(query.sourcePatterns == ["logs-endpoint.events.*", "logs-windows.*"])
    let plain = try #require(ESQLParser.parse("FROM a | WHERE b").query)
    #expect(!plain.isAggregating)
    #expect(plain.metadataFields.isEmpty)
  }

  @Test(
    "column names follow the source text",
    arguments: [
      ("FROM a | STATS COUNT(*) BY host.name", ["COUNT(*)", "host.name"]),
      (
        "FROM a | STATS count( * ), c = MAX(x) BY `host.name`, DATE_TRUNC(1 hour, t)",
        ["count( * )", "c", "host.name", "DATE_TRUNC(1 hour, t)"]
      ),
    ])
  func columnNames(text: String, names: [String]) throws {
    let query = try #require(ESQLParser.parse(text).query)
    guard case .stats(let stats) = query.commands[1].kind else {
      Issue.record("expected STATS")
      return
    }
    let columns = stats.aggregates.map { query.columnName(of: $0.assignment) } + stats.groupings.map(query.columnName)
    #expect(columns == names)
  }

  @Test(
    "dissect keys",
    arguments: [
      ("%{a} %{b}", ["a", "b"]),
      ("%{+a} %{a/2} %{?x} %{} %{*k} %{&k} %{c->}", ["a", "c"]),
      ("verdict=%{Esql.verdict} confidence=%{Esql.confidence}", ["Esql.verdict", "Esql.confidence"]),
    ])
  func dissectKeys(pattern: String, keys: [String]) {
    let dissect = ESQLDissect(
      input: ESQLExpression(.field("m"), range: 0..<1), pattern: pattern, patternRange: 0..<0, appendSeparator: nil)
    #expect(dissect.keys == keys)
  }

  @Test(
    "grok fields",
    arguments: [
      ("%{IP:ip} %{NUMBER:n:int} %{WORD}", ["ip", "n"]),
      (":(?<Esql.caller_account>[0-9]{12}):", ["Esql.caller_account"]),
      ("\\(?<no>x) (?:y)(?=z)(?<yes>w)", ["yes"]),
    ])
  func grokFields(pattern: String, fields: [String]) {
    let grok = ESQLGrok(input: ESQLExpression(.field("m"), range: 0..<1), patterns: [pattern], patternRange: 0..<0)
    #expect(grok.fields == fields)
  }

  @Test(
    "name patterns",
    arguments: [
      ("Esql.*", "Esql.count", true), ("Esql.*", "esql.count", false), ("*", "a.b", true), ("a*c", "abc", true),
      ("a*c", "ab", false), ("host.*name", "host.os.name", true), ("x", "x", true), ("x", "xy", false),
      ("*a*b*", "zazbz", true), ("*a*b", "zazbz", false),
    ])
  func patterns(pattern: String, name: String, matches: Bool) {
    #expect(ESQLNamePattern(pattern, range: 0..<0).matches(name) == matches)
  }
}

struct ESQLTraversalTests {
  @Test func visitsEveryCallInSourceOrder() throws {
    let query = try #require(
      ESQLParser.parse(
        """
        FROM a | WHERE KQL("x:1") AND TO_LOWER(b) == "c"
        | STATS n = COUNT(*) WHERE STARTS_WITH(d, "e") BY t = DATE_TRUNC(1 hour, @timestamp)
        | SORT ABS(n) | GROK TO_STRING(n) "%{INT:i}"
        """
      ).query)
    let names = query.functionCalls.compactMap { call -> String? in
      if case .call(let name, _, _) = call.kind { return name }
      return nil
    }
    #expect(names == ["KQL", "TO_LOWER", "COUNT", "STARTS_WITH", "DATE_TRUNC", "ABS", "TO_STRING"])
  }
}
