import Testing
import VigilRules
import VigilSyntax

struct RuleLoaderTests {
  @Test func validRuleLoadsEveryKeyTyped() throws {
    let file = RuleLoader.load(text: RuleFixtures.validEQL, path: "r.toml")
    #expect(file.diagnostics.isEmpty)
    let rule = try #require(file.rule)
    #expect(rule.type == .eql)
    #expect(rule.language == .eql)
    #expect(rule.severity == .low)
    #expect(rule.riskScore == 21)
    #expect(rule.metadata.integrations == ["endpoint"])
    #expect(rule.schedule.from.offsetSeconds == -540)
    #expect(rule.schedule.interval.seconds == 300)
    #expect(rule.schedule.additionalLookbackSeconds == 240)
    #expect(rule.query == "process where process.name == \"nc\"\n")
    #expect(rule.threat.first?.tactic.id == "TA0002")
    #expect(rule.threat.first?.techniques.first?.subtechniques.first?.id == "T1059.004")
    #expect(rule.operatingSystems == ["Linux"])
    #expect(rule.tacticNames == ["Execution"])
  }

  @Test func queryOffsetPointsAtQueryText() throws {
    let file = RuleLoader.load(text: RuleFixtures.validEQL, path: "r.toml")
    let offset = try #require(file.queryOffsets["rule.query"])
    #expect(file.source.location(ofByte: offset) == SourceLocation(line: 21, column: 1))
    #expect(Array(file.source.bytes[offset..<offset + 7]) == Array("process".utf8))
  }

  @Test func unknownKeysAreKept() throws {
    let text = RuleFixtures.adding("my_team_key = \"blue\"\n[rule.my_table]\nx = 1")
    let file = RuleLoader.load(text: text, path: "r.toml")
    #expect(!file.hasErrors)
    let rule = try #require(file.rule)
    #expect(rule.otherKeys["my_team_key"] == .string("blue"))
    #expect(rule.otherKeys["my_table"] == .table(["x": .integer(1)]))
  }

  struct BadCase: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var id: String
    var line: Int?
    var message: String
    var testDescription: String { name }
  }

  static let badCases: [BadCase] = [
    BadCase(
      name: "missing name", text: RuleFixtures.editing("name =", to: nil), id: "rule.missing-key", line: 7,
      message: "missing required key 'rule.name'"),
    BadCase(
      name: "risk score of the wrong type", text: RuleFixtures.editing("risk_score", to: "risk_score = \"high\""),
      id: "rule.wrong-type", line: 15, message: "'rule.risk_score' must be an integer, found a string"),
    BadCase(
      name: "risk score out of range", text: RuleFixtures.editing("risk_score", to: "risk_score = 101"),
      id: "rule.invalid-risk-score", line: 15, message: "between 0 and 100"),
    BadCase(
      name: "unknown type", text: RuleFixtures.editing("type =", to: "type = \"sigma\""), id: "rule.unknown-type",
      line: 19, message: "unknown rule type 'sigma'"),
    BadCase(
      name: "unknown severity", text: RuleFixtures.editing("severity", to: "severity = \"severe\""),
      id: "rule.invalid-value", line: 17, message: "invalid severity 'severe'"),
    BadCase(
      name: "interval not date math", text: RuleFixtures.adding("interval = \"5 minutes\""),
      id: "rule.invalid-interval", line: 23, message: "invalid interval '5 minutes'"),
    BadCase(
      name: "from not relative to now", text: RuleFixtures.editing("from", to: "from = \"9m ago\""),
      id: "rule.invalid-date-math", line: 10, message: "invalid from '9m ago'"),
    BadCase(
      name: "rule_id not a UUID", text: RuleFixtures.editing("rule_id", to: "rule_id = \"my-rule\""),
      id: "rule.invalid-rule-id", line: 16, message: "is not a UUID"),
    BadCase(
      name: "rule_id with a letter that is not hex",
      text: RuleFixtures.editing("rule_id", to: "rule_id = \"5b7d4c2a-1111-4222-8333-94445555666g\""),
      id: "rule.invalid-rule-id", line: 16, message: "is not a UUID"),
    BadCase(
      name: "language not allowed for type", text: RuleFixtures.editing("language", to: "language = \"kuery\""),
      id: "rule.invalid-language", line: 12, message: "eql rules take language eql"),
    BadCase(
      name: "tactic id shape", text: RuleFixtures.editing("id = \"TA0002\"", to: "id = \"T0002\""),
      id: "rule.invalid-threat-id", line: 38, message: "tactic id 'T0002' does not have the shape TA0000"),
    BadCase(
      name: "technique reference", text: RuleFixtures.editing(
        "reference = \"https://attack.mitre.org/techniques/T1059/\"",
        to: "reference = \"https://example.com/T1059\""),
      id: "rule.invalid-threat-reference", line: 30, message: "technique reference must be a https://attack.mitre.org/"),
    BadCase(
      name: "sub-technique of another technique",
      text: RuleFixtures.editing("id = \"T1059.004\"", to: "id = \"T1060.004\""), id: "rule.invalid-threat-id",
      line: 33, message: "does not belong to technique T1059"),
    BadCase(
      name: "building block type", text: RuleFixtures.adding("building_block_type = \"yes\""),
      id: "rule.invalid-value", line: 23, message: "building_block_type must be 'default'"),
    BadCase(
      name: "creation date format", text: RuleFixtures.editing("creation_date", to: "creation_date = \"2026-01-02\""),
      id: "rule.invalid-date", line: 2, message: "is not a date of the form YYYY/MM/DD"),
    BadCase(
      name: "creation date month", text: RuleFixtures.editing("creation_date", to: "creation_date = \"2026/13/02\""),
      id: "rule.invalid-date", line: 2, message: "is not a date of the form YYYY/MM/DD"),
    BadCase(
      name: "no rule table", text: "[metadata]\ncreation_date = \"2026/01/02\"\nupdated_date = \"2026/01/02\"\n",
      id: "rule.missing-key", line: nil, message: "missing required key 'rule'"),
    BadCase(
      name: "not TOML", text: "[metadata]\ncreation_date = \"2026/01/02\nthis is not toml\n", id: "rule.toml-syntax",
      line: 2, message: "not valid TOML"),
    BadCase(
      name: "max_signals below one", text: RuleFixtures.adding("max_signals = 0"), id: "rule.invalid-value",
      line: 23, message: "max_signals must be at least 1"),
    BadCase(
      name: "esql with index",
      text: RuleFixtures.editing("type =", to: "type = \"esql\"", in: RuleFixtures.editing(
        "language", to: "language = \"esql\"")),
      id: "rule.esql-index", line: 11, message: "remove 'index'"),
  ]

  @Test("a bad rule is reported at the line of the offending key", arguments: badCases)
  func badRuleReported(_ bad: BadCase) throws {
    let file = RuleLoader.load(text: bad.text, path: "bad.toml")
    let diagnostic = try #require(
      file.diagnostics.first { $0.id == bad.id && $0.message.contains(bad.message) },
      "got \(file.diagnostics.map { "\($0.id): \($0.message)" })")
    #expect(diagnostic.severity == .error)
    #expect(file.hasErrors)
    #expect(file.location(of: diagnostic)?.line == bad.line)
  }

  @Test func everyProblemIsReportedNotJustTheFirst() {
    var text = RuleFixtures.editing("risk_score", to: "risk_score = 500")
    text = RuleFixtures.editing("severity", to: "severity = \"urgent\"", in: text)
    text = RuleFixtures.editing("rule_id", to: "rule_id = \"x\"", in: text)
    let file = RuleLoader.load(text: text, path: "bad.toml")
    let ids = Set(file.diagnostics.map(\.id))
    #expect(ids.isSuperset(of: ["rule.invalid-risk-score", "rule.invalid-value", "rule.invalid-rule-id"]))
    // Sorted by position in the file.
    let lines = file.diagnostics.compactMap { file.location(of: $0)?.line }
    #expect(lines == lines.sorted())
  }

  @Test func ruleIDWithTrailingCharactersWarnsLikeDetectionRulesAccepts() {
    let text = RuleFixtures.editing("rule_id", to: "rule_id = \"5b7d4c2a-1111-4222-8333-9444555566667\"")
    let file = RuleLoader.load(text: text, path: "r.toml")
    #expect(!file.hasErrors)
    #expect(file.diagnostics.map(\.id) == ["rule.rule-id-suffix"])
  }

  @Test func newTermsNeedsOneToThreeFieldsAndAWindow() throws {
    let newTerms = RuleFixtures.editing("type =", to: "type = \"new_terms\"", in: RuleFixtures.editing(
      "language", to: "language = \"kuery\""))
    let missing = RuleLoader.load(text: newTerms, path: "r.toml")
    #expect(missing.diagnostics.contains { $0.message == "missing required key 'rule.new_terms'" })

    let fourFields = RuleFixtures.adding(
      """
      [rule.new_terms]
      field = "new_terms_fields"
      value = ["a", "b", "c", "d"]
      """, in: newTerms)
    let file = RuleLoader.load(text: fourFields, path: "r.toml")
    #expect(file.diagnostics.contains { $0.id == "rule.new-terms-fields" && file.location(of: $0)?.line == 25 })
    #expect(file.diagnostics.contains { $0.message.contains("history_window_start") })

    let good = RuleFixtures.adding(
      """
      [rule.new_terms]
      field = "new_terms_fields"
      value = ["host.id", "user.name"]
      [[rule.new_terms.history_window_start]]
      field = "history_window_start"
      value = "now-5d"
      """, in: newTerms)
    let rule = try #require(RuleLoader.load(text: good, path: "r.toml").rule)
    #expect(rule.newTerms?.fields == ["host.id", "user.name"])
    #expect(rule.newTerms?.historyWindowStart.offsetSeconds == -5 * 86_400)
  }

  @Test func thresholdValueAtLeastOne() throws {
    var text = RuleFixtures.editing("type =", to: "type = \"threshold\"")
    text = RuleFixtures.editing("language", to: "language = \"kuery\"", in: text)
    let zero = RuleFixtures.adding("[rule.threshold]\nfield = [\"source.ip\"]\nvalue = 0", in: text)
    let file = RuleLoader.load(text: zero, path: "r.toml")
    #expect(file.diagnostics.contains { $0.message == "threshold value must be at least 1" })
    let good = RuleFixtures.adding(
      "[rule.threshold]\nfield = \"source.ip\"\nvalue = 5\n[[rule.threshold.cardinality]]\nfield = \"user.name\"\nvalue = 3",
      in: text)
    let rule = try #require(RuleLoader.load(text: good, path: "r.toml").rule)
    #expect(rule.threshold == ThresholdOptions(fields: ["source.ip"], value: 5, cardinality: [.init(field: "user.name", value: 3)]))
  }

  @Test func machineLearningRuleLoadsWithoutQuery() throws {
    let text = """
      [metadata]
      creation_date = "2026/01/02"
      updated_date = "2026/01/02"
      [rule]
      anomaly_threshold = 50
      author = ["T"]
      description = "d"
      machine_learning_job_id = "job_a"
      name = "ML Rule"
      risk_score = 21
      rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
      severity = "low"
      type = "machine_learning"
      """
    let file = RuleLoader.load(text: text, path: "ml.toml")
    #expect(file.diagnostics.isEmpty)
    #expect(file.rule?.machineLearning == MachineLearningOptions(jobIDs: ["job_a"], anomalyThreshold: 50))
  }

  @Test func binaryAndNonUTF8FilesAreClearErrors() {
    let binary = RuleLoader.load(bytes: [0x7f, 0x45, 0x4c, 0x46, 0, 1], path: "a.out")
    #expect(binary.diagnostics.map(\.id) == ["rule.not-toml"])
    let latin1 = RuleLoader.load(bytes: [0x6e, 0x61, 0x6d, 0xe9], path: "x.toml")
    #expect(latin1.diagnostics.map(\.id) == ["rule.not-utf8"])
    // Bytes that are not UTF-8 in a comment or a string, where TOML allows any text.
    let inComment = RuleLoader.load(bytes: Array("# caf".utf8) + [0xe9] + Array("\n[rule]\n".utf8), path: "c.toml")
    #expect(inComment.diagnostics.map(\.id) == ["rule.not-utf8"])
    let inString = RuleLoader.load(bytes: Array("name = \"caf".utf8) + [0xe9, 0x22], path: "s.toml")
    #expect(inString.diagnostics.map(\.id) == ["rule.not-utf8"])
    let nulInString = RuleLoader.load(bytes: Array("name = \"a".utf8) + [0, 0x22], path: "n.toml")
    #expect(nulInString.diagnostics.map(\.id) == ["rule.not-toml"])
  }
}
