import Testing
import VigilESQL
import VigilEvents
import VigilQuery
import VigilTestSupport

/// The `WHERE` right after `FROM` lowers to the shared IR as a condition every contributing event meets, so the
/// engine can route and skip events without changing the result.
struct ESQLPrefilterTests {
  /// Skipping the events the pre-filter rejects never changes a query's rows.
  @Test(arguments: ESQLPipelineRuntimeTests.cases)
  func prefilteringKeepsTheResult(_ test: ESQLRuntimeCase) throws {
    let all = try ESQLRuntimeHarness.run(test.query, test.events)
    let filtered = try ESQLRuntimeHarness.run(test.query, test.events, prefiltering: true)
    #expect(filtered.rows == all.rows)
  }

  static func lowered(_ query: String, kql: ESQLKQLLowering? = nil) throws -> (Predicate, FieldResolver) {
    let (program, fields) = try ESQLRuntimeHarness.program(query, kql: kql)
    return (program.sourcePredicate, fields)
  }

  static func keyword(_ fields: inout FieldResolver, _ name: String, _ values: [String], folding: Bool = false)
    -> Predicate
  {
    .test(FieldTest(field: fields.bind(name).id, condition: .keywordIn(ByteStringSet(values, foldingCase: folding))))
  }

  @Test func fieldComparisonsLowerAndNegationsNeedAnotherValue() throws {
    var (predicate, fields) = try Self.lowered(
      #"FROM logs-* | WHERE host.name == "a" AND NOT process.name == "x" | KEEP host.name"#)
    let name = fields.bind("process.name").id
    let other = Predicate.and([
      .test(FieldTest(field: name, condition: .exists)), .not(Self.keyword(&fields, "process.name", ["x"])),
    ])
    #expect(predicate == Predicate.and([Self.keyword(&fields, "host.name", ["a"]), other]).simplified())
  }

  /// Conditions whose negations, `CASE` columns and `DISSECT` keys lower, each over events whose field is missing, `null`, empty,
  /// an object, a number, multi-valued, or a string in other cases: every event that gives a row passes the
  /// pre-filter, and the pre-filter rejects some.
  static let negatedConditions: [String] = [
    #"WHERE NOT process.name == "cmd.exe""#,
    #"WHERE process.name != "cmd.exe""#,
    #"WHERE "cmd.exe" != process.name"#,
    #"WHERE NOT process.name IN ("cmd.exe", "x")"#,
    #"WHERE process.name NOT IN ("cmd.exe")"#,
    #"WHERE NOT (process.name == "x" OR process.name LIKE "py*")"#,
    #"WHERE NOT (process.name == "x" AND host.name == "a")"#,
    #"WHERE process.name NOT LIKE "c*""#,
    #"WHERE NOT (process.name IS NULL)"#,
    #"WHERE NOT NOT process.name == "x""#,
    #"WHERE NOT process.name NOT IN ("x", "python3")"#,
    #"EVAL v = CASE(process.name == "cmd.exe", "C", process.name LIKE "py*", "P", "") | WHERE v != """#,
    #"EVAL v = CASE(process.name == "cmd.exe", "C", host.name == "a", null) | WHERE v IS NOT NULL"#,
    #"EVAL v = CASE(process.name == "x", "C", host.name == "b", "D", "E") | WHERE "C" == v"#,
    #"EVAL v = CASE(process.name.caseless == "cmd.exe", "C", "") | WHERE v == "C" AND host.name != "b""#,
    #"DISSECT process.name "%{a}.%{b}" | WHERE a IS NOT NULL"#,
    #"DISSECT process.name "c%{x}.exe" | WHERE x IS NOT NULL"#,
    #"DISSECT process.name "py%{v}" | EVAL w = COALESCE(v, host.name) | WHERE w IS NOT NULL"#,
    #"DISSECT process.name "%{}.%{v}" | EVAL w = COALESCE(v, "-") | WHERE w IS NOT NULL AND host.name == "a""#,
    #"DISSECT custom.text "%{a}.%{b}" | WHERE a IS NOT NULL"#,
  ]

  @Test(arguments: negatedConditions)
  func negationsAndCaseColumnsKeepEveryRow(_ condition: String) throws {
    let names = [
      nil, "null", "[]", #"{"a":1}"#, "5", #""cmd.exe""#, #""CMD.EXE""#, #""x""#, #""python3""#, #"["cmd.exe","x"]"#,
      #"["x"]"#, #"["x","x"]"#,
    ]
    var random = SplitMix64(seed: 8)
    let events = (0..<200).map { _ -> String in
      let name = names.randomElement(using: &random)!
      let host = ["a", "b", nil].randomElement(using: &random)!
      var members: [String] = []
      if let name { members.append(#""process":{"name":\#(name)}"#) }
      if let host { members.append(#""host":{"name":"\#(host)"}"#) }
      // An unmapped field, holding what the name holds.
      if let name { members.append(#""custom":{"text":\#(name)}"#) }
      return "{" + members.joined(separator: ",") + "}"
    }
    let query = "FROM logs-* METADATA _id | \(condition) | KEEP _id"
    let all = try ESQLRuntimeHarness.run(query, events)
    let filtered = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(ESQLRuntimeHarness.rows(filtered) == ESQLRuntimeHarness.rows(all))
    let (program, fields) = try ESQLRuntimeHarness.program(query)
    let prefilter = PredicateProgram(program.sourcePredicate)
    let decoder = EventDecoder(catalog: fields.catalog)
    let rejected = try events.filter { !prefilter.evaluate(try decoder.decode($0)) }.count
    #expect(rejected > 0 && rejected < events.count, "\(rejected) events rejected")
  }

  /// A fuzzy `MATCH` needs a value as long as the term give or take its edits (the term itself with none).
  @Test(arguments: ["0", "1", "2", "AUTO"])
  func fuzzyMatchesPassThePrefilter(_ fuzziness: String) throws {
    let names = [
      "svchost.exe", "svch0st.exe", "scvhost.exe", "svhost.exe", "svhst.exe", "svchostt.exe", "svchosttt.exe",
      "svchöst.exe", "sv.exe", "SVCHOST.EXE", "conhost.exe", "svchost.ex", "svc",
    ]
    let events = names.map { #"{"process":{"name":"\#($0)"}}"# } + [#"{"process":{"name":["x","svchost.exe"]}}"#]
    let query =
      #"FROM logs-* METADATA _id | WHERE MATCH(process.name, "svchost.exe", {"fuzziness": "\#(fuzziness)"})"#
      + " | KEEP _id"
    let all = try ESQLRuntimeHarness.run(query, events)
    let filtered = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(ESQLRuntimeHarness.rows(filtered) == ESQLRuntimeHarness.rows(all))
    #expect(!all.rows.isEmpty)
    let (predicate, _) = try Self.lowered(query)
    #expect(predicate != .always)
  }

  @Test func toLowerOfAKeywordIsACaseFoldedSet() throws {
    var (predicate, fields) = try Self.lowered(
      #"FROM logs-* | WHERE TO_LOWER(process.name) IN ("cmd.exe", "powershell.exe")"#)
    #expect(predicate == Self.keyword(&fields, "process.name", ["cmd.exe", "powershell.exe"], folding: true))
  }

  @Test func rangesExistsAndCIDRLower() throws {
    var (predicate, fields) = try Self.lowered(
      #"FROM logs-* | WHERE destination.port >= 1024 AND user.name IS NOT NULL AND CIDR_MATCH(source.ip, "10.0.0.0/8")"#
    )
    let port = Predicate.test(
      FieldTest(
        field: fields.bind("destination.port").id,
        condition: .number(Interval(lower: Bound(Number("1024")!, inclusive: true)))))
    let user = Predicate.test(FieldTest(field: fields.bind("user.name").id, condition: .exists))
    let ip = Predicate.test(FieldTest(field: fields.bind("source.ip").id, condition: .ipIn([CIDRBlock("10.0.0.0/8")!])))
    #expect(predicate == Predicate.and([port, user, ip]).simplified())
  }

  @Test func startsWithIsAPrefixWildcard() throws {
    let (predicate, fields) = try Self.lowered(
      #"FROM logs-* | WHERE STARTS_WITH(process.name, "a*b") | KEEP host.name"#)
    guard case .test(let test) = predicate, case .wildcard(let pattern) = test.condition else {
      Issue.record("not a wildcard: \(predicate)")
      return
    }
    #expect(test.field == fields.catalog.id("process.name"))
    #expect(pattern.matches("a*bcd"))
    #expect(!pattern.matches("axbcd"))
    let result = try ESQLRuntimeHarness.run(
      #"FROM logs-* | WHERE ENDS_WITH(process.name, ".exe") | KEEP process.name"#,
      [#"{"process.name":"cmd.exe"}"#, #"{"process.name":"sh"}"#], prefiltering: true)
    #expect(ESQLRuntimeHarness.rows(result) == [#"{"process.name":"cmd.exe"}"#])
  }

  @Test func rlikeIsTheRegexConditionUnlessTheOperandIsLowered() throws {
    let (predicate, fields) = try Self.lowered(
      #"FROM logs-* | WHERE process.command_line RLIKE """.*auth\s+token.*""" | KEEP host.name"#)
    guard case .test(let test) = predicate, case .regex(let regex) = test.condition else {
      Issue.record("not a regex: \(predicate)")
      return
    }
    #expect(test.field == fields.catalog.id("process.command_line"))
    #expect(regex.matches("gh auth  token"))
    #expect(!regex.matches("gh AUTH token"))
    let (lowered, _) = try Self.lowered(#"FROM logs-* | WHERE TO_LOWER(process.name) RLIKE "cmd.*""#)
    #expect(lowered == .always)
    let query = #"FROM logs-* | WHERE process.name RLIKE "c.d" | KEEP process.name"#
    let events = [#"{"process.name":"cmd"}"#, #"{"process.name":["sh","cmd"]}"#, #"{"process.name":"sh"}"#]
    let filtered = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(ESQLRuntimeHarness.rows(filtered) == ESQLRuntimeHarness.rows(try ESQLRuntimeHarness.run(query, events)))
    #expect(ESQLRuntimeHarness.rows(filtered).first == #"{"process.name":"cmd"}"#)
  }

  @Test func columnsEvaluatedFromDocumentFieldsLowerAsTheirExpressions() throws {
    var (lowered, fields) = try Self.lowered(
      #"FROM logs-* | EVAL n = TO_LOWER(process.name) | WHERE n IN ("cmd.exe", "sh") | KEEP n"#)
    #expect(lowered == Self.keyword(&fields, "process.name", ["cmd.exe", "sh"], folding: true))
    let (located, own) = try Self.lowered(
      #"FROM logs-* | EVAL at = LOCATE(process.command_line, SPACE(3)) | WHERE at > 0 | KEEP at"#)
    guard case .test(let test) = located, case .wildcard(let pattern) = test.condition else {
      Issue.record("not a wildcard: \(located)")
      return
    }
    #expect(test.field == own.catalog.id("process.command_line"))
    #expect(pattern.matches("a   b"))
    #expect(!pattern.matches("a  b"))
    let (contains, _) = try Self.lowered(
      #"FROM logs-* | WHERE CONTAINS(process.name, "md") OR 1 <= LOCATE(host.name, "x")"#)
    guard case .or(let operands) = contains, operands.count == 2 else {
      Issue.record("not two tests: \(contains)")
      return
    }
    #expect(
      operands.allSatisfy { operand in
        guard case .test(let test) = operand, case .wildcard = test.condition else { return false }
        return true
      })
    // Columns computed from other computed columns, or whose fields a later command redefines, are left to the rows.
    let (chained, _) = try Self.lowered(
      #"FROM logs-* | EVAL a = process.name | EVAL b = a | WHERE b == "x""#)
    #expect(chained == .always)
    let (redefined, _) = try Self.lowered(
      #"FROM logs-* | EVAL n = TO_LOWER(process.name) | EVAL process.name = "x" | WHERE n == "x""#)
    #expect(redefined == .always)
    let query = #"FROM logs-* | EVAL at = LOCATE(process.command_line, SPACE(2)) | WHERE at > 0 | KEEP at"#
    let events = [
      #"{"process.command_line":"a  b"}"#, #"{"process.command_line":"a b"}"#,
      #"{"process.command_line":["a  b","c"]}"#, #"{"host.name":"h"}"#,
    ]
    let filtered = try ESQLRuntimeHarness.run(query, events, prefiltering: true)
    #expect(ESQLRuntimeHarness.rows(filtered) == ESQLRuntimeHarness.rows(try ESQLRuntimeHarness.run(query, events)))
    #expect(ESQLRuntimeHarness.rows(filtered) == [#"{"at":2}"#])
  }

  @Test func kqlCallsUseTheGivenLowering() throws {
    let kql: ESQLKQLLowering = { text, fields in
      text == "event.action:logon" ? .test(FieldTest(field: fields.bind("event.action").id, condition: .exists)) : nil
    }
    var (predicate, fields) = try Self.lowered(
      #"FROM logs-* | WHERE KQL("event.action:logon") OR host.name == "a""#, kql: kql)
    let expected = Predicate.or([
      .test(FieldTest(field: fields.bind("event.action").id, condition: .exists)),
      Self.keyword(&fields, "host.name", ["a"]),
    ])
    #expect(predicate == expected.simplified())
    var (program, own) = try ESQLRuntimeHarness.program(
      #"FROM logs-* | WHERE KQL("event.action:logon") | KEEP host.name"#, kql: kql)
    #expect(program.fieldIDs == [own.bind("event.action").id, own.bind("host.name").id])
    let result = try ESQLRuntimeHarness.run(
      #"FROM logs-* | WHERE KQL("event.action:logon") | KEEP host.name"#,
      [#"{"event.action":"logon","host.name":"a"}"#, #"{"host.name":"b"}"#], kql: kql)
    #expect(ESQLRuntimeHarness.rows(result) == [#"{"host.name":"a"}"#])
  }

  @Test func wheresBeforeTheFirstStatsLowerWhenTheyTestDocumentFields() throws {
    var (predicate, fields) = try Self.lowered(
      #"FROM logs-* | MV_EXPAND event.action | EVAL x = 1 | WHERE event.action == "logon" | WHERE host.name == "a""#
        + #" | STATS c = COUNT(*) BY host.name | WHERE host.name == "b""#)
    let expected = Predicate.and([
      Self.keyword(&fields, "event.action", ["logon"]), Self.keyword(&fields, "host.name", ["a"]),
    ])
    #expect(predicate == expected.simplified())
  }

  @Test func computedColumnsAndRowDependentCommandsStopTheLowering() throws {
    let (shadowed, _) = try Self.lowered(#"FROM logs-* | EVAL host.name = "a" | WHERE host.name == "a""#)
    #expect(shadowed == .always)
    let (renamed, _) = try Self.lowered(#"FROM logs-* | RENAME user.name AS host.name | WHERE host.name == "a""#)
    #expect(renamed == .always)
    let (inline, _) = try Self.lowered(#"FROM logs-* | INLINE STATS c = COUNT(*) | WHERE host.name == "a""#)
    #expect(inline == .always)
    let (limited, _) = try Self.lowered(#"FROM logs-* | LIMIT 10 | WHERE host.name == "a""#)
    #expect(limited == .always)
    let (functions, _) = try Self.lowered(#"FROM logs-* | WHERE LENGTH(host.name) > 3 OR host.name == "a""#)
    #expect(functions == .always)
  }
}
