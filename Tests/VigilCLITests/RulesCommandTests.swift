import Foundation
import Testing
import VigilTestSupport

@Suite(.serialized)
struct RulesCommandTests {
  static let validRule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"

    [rule]
    author = ["Tester"]
    description = "d"
    index = ["logs-*"]
    language = "kuery"
    name = "Rule NUMBER"
    risk_score = 21
    rule_id = "5b7d4c2a-1111-4222-8333-UUIDTAIL0000"
    severity = "low"
    type = "query"
    query = "process.name:nc"
    """

  static func rule(_ number: Int) -> String {
    validRule.replacingOccurrences(of: "NUMBER", with: String(number))
      .replacingOccurrences(of: "UUIDTAIL0000", with: String(format: "%012x", number))
  }

  @Test func validateExamplesSucceeds() throws {
    let result = try VigilRunner.run(["rules", "validate", "Examples/rules"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains("0 with errors"))
    #expect(result.stdout.contains("1 needs Elastic ML"))
  }

  @Test func validateCorpusSucceedsAndJSONHasOneLinePerFile() throws {
    guard let corpus = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    let result = try VigilRunner.run(["rules", "validate", "--format", "json", corpus.path])
    #expect(result.status == 0)
    let lines = result.stdoutLines
    #expect(lines.count >= 2190)
    let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
    for key in ["path", "rule_id", "name", "type", "language", "status", "diagnostics"] {
      #expect(objects.allSatisfy { $0.keys.contains(key) }, "every line has \(key)")
    }
    #expect(!objects.contains { $0["status"] as? String == "error" })
    #expect(objects.filter { $0["type"] as? String == "machine_learning" }.allSatisfy {
      $0["status"] as? String == "unsupported" && $0["reason"] as? String == "needs Elastic ML"
    })
  }

  @Test func errorsArePrintedWithPathLineColumnAndExitOne() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.rule(1).write(to: folder.appendingPathComponent("a_good.toml"), atomically: true, encoding: .utf8)
    try Self.rule(2).replacingOccurrences(of: "risk_score = 21", with: "risk_score = \"high\"")
      .replacingOccurrences(of: "type = \"query\"", with: "type = \"sigma\"")
      .write(to: folder.appendingPathComponent("b_bad.toml"), atomically: true, encoding: .utf8)
    try "[rule\nname = ".write(to: folder.appendingPathComponent("c_not_toml.toml"), atomically: true, encoding: .utf8)
    try "[metadata]\ncreation_date = \"2026/01/02\"\nupdated_date = \"2026/01/02\"\n"
      .write(to: folder.appendingPathComponent("d_no_rule.toml"), atomically: true, encoding: .utf8)

    let result = try VigilRunner.run(["rules", "validate", folder.path])
    #expect(result.status == 1)
    let bad = folder.appendingPathComponent("b_bad.toml").path
    #expect(result.stdout.contains("\(bad):11:1: error: 'rule.risk_score' must be an integer, found a string"))
    #expect(result.stdout.contains("\(bad):14:1: error: unknown rule type 'sigma'"))
    #expect(result.stdout.contains("\(folder.appendingPathComponent("c_not_toml.toml").path):1:"))
    #expect(result.stdout.contains("missing required key 'rule'"))
    #expect(result.stdout.contains("Checked 4 rule files"))
    #expect(result.stdout.contains("3 with errors"))

    let json = try VigilRunner.run(["rules", "validate", "--format", "json", folder.path])
    #expect(json.status == 1)
    let statuses = try json.stdoutLines.map {
      (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["status"] as? String
    }
    #expect(statuses == ["ok", "error", "error", "error"])
  }

  @Test func queryErrorsArePlacedInTheRuleFile() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let kqlQuery = "query = '''\nevent.category:process and\n  process.name:(nc or ncat\n'''"
    let kql = Self.rule(1).replacingOccurrences(of: "query = \"process.name:nc\"", with: kqlQuery)
    try kql.write(to: folder.appendingPathComponent("kql.toml"), atomically: true, encoding: .utf8)
    let esqlQuery = "query = '''\nfrom logs-*\n| where process.name == \"nc\"\n| stats c = count( by host.id\n'''"
    let esql = Self.rule(2).replacingOccurrences(of: "language = \"kuery\"", with: "language = \"esql\"")
      .replacingOccurrences(of: "type = \"query\"", with: "type = \"esql\"")
      .replacingOccurrences(of: "index = [\"logs-*\"]\n", with: "")
      .replacingOccurrences(of: "query = \"process.name:nc\"", with: esqlQuery)
    try esql.write(to: folder.appendingPathComponent("esql.toml"), atomically: true, encoding: .utf8)

    let result = try VigilRunner.run(["rules", "validate", folder.path])
    #expect(result.status == 1)
    let kqlPath = folder.appendingPathComponent("kql.toml").path
    #expect(result.stdout.contains("\(kqlPath):17:16: error: unbalanced parenthesis: '(' is never closed"))
    let esqlPath = folder.appendingPathComponent("esql.toml").path
    #expect(result.stdout.contains("\(esqlPath):17:20: error: expected an expression, found 'by'"), "\(result.stdout)")
  }

  @Test func missingPathIsAUsageError() throws {
    let result = try VigilRunner.run(["rules", "validate", "/no/such/vigil/rules"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("/no/such/vigil/rules: error: no such file or folder"))
  }

  @Test func unknownOptionIsAUsageError() throws {
    let result = try VigilRunner.run(["rules", "validate", "--no-such-option", "Examples/rules"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("Unknown option '--no-such-option'"))
  }

  @Test func emptyFolderIsReported() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try VigilRunner.run(["rules", "validate", folder.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("the folder holds no rule files"))
  }

  @Test func tenThousandFilesLoad() throws {
    let folder = try VigilRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for number in 0..<10_000 {
      let sub = folder.appendingPathComponent("group\(number % 10)")
      if number < 10 { try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true) }
      try Self.rule(number).write(
        to: sub.appendingPathComponent("rule\(number).toml"), atomically: false, encoding: .utf8)
    }
    let result = try VigilRunner.run(["rules", "validate", "--quiet", folder.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("Checked 10000 rule files"))
    #expect(result.stdout.contains("10000 loaded, 0 with errors"))
  }

  @Test func listFiltersByTypeTacticTagAndLanguage() throws {
    let eql = try VigilRunner.run(["rules", "list", "Examples/rules", "--type", "eql"])
    #expect(eql.status == 0)
    #expect(eql.stdoutLines.count == 3)  // header and two rules
    #expect(eql.stdoutLines[0].hasPrefix("NAME"))
    #expect(eql.stdoutLines.dropFirst().allSatisfy { $0.contains(" eql ") })

    let discovery = try VigilRunner.run(["rules", "list", "Examples/rules", "--tactic", "TA0007"])
    #expect(discovery.stdoutLines.count == 2)
    #expect(discovery.stdout.contains("Example: First Network Discovery by a Parent Process"))

    let byName = try VigilRunner.run(["rules", "list", "Examples/rules", "--tactic", "credential access"])
    #expect(byName.stdout.contains("SSH Password Guessing"))

    let kql = try VigilRunner.run([
      "rules", "list", "Examples/rules", "--language", "kql", "--tag", "os: linux", "--format", "json",
    ])
    #expect(kql.stdoutLines.count == 3)
    #expect(kql.stdoutLines.allSatisfy { $0.contains("\"language\":\"kuery\"") })
  }

  @Test func listRejectsUnknownType() throws {
    let result = try VigilRunner.run(["rules", "list", "Examples/rules", "--type", "sigma"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown rule type 'sigma'"))
  }

  @Test func showByPathAndByID() throws {
    let byPath = try VigilRunner.run(["rules", "show", "Examples/rules/linux_unix_socket_client.toml"])
    #expect(byPath.status == 0)
    #expect(byPath.stdout.hasPrefix("Example: Unix Socket Client Started\n"))
    #expect(byPath.stdout.contains("TA0002 Execution"))
    #expect(byPath.stdout.contains("T1559 Inter-Process Communication"))
    #expect(byPath.stdout.contains("every 5m, searching from now-9m to now (4m look-back beyond the interval)"))
    #expect(byPath.stdout.contains("Query (EQL)"))
    #expect(byPath.stdout.contains("process.name == \"socat\""))

    let byID = try VigilRunner.run([
      "rules", "show", "b138c5af-c6d3-4834-a385-3592d53f53dd", "--rules", "Examples/rules",
    ])
    #expect(byID.status == 0)
    #expect(byID.stdout.contains("new terms     process.parent.executable, process.command_line, host.id, new since now-5d"))

    let missing = try VigilRunner.run(["rules", "show", "no-such-rule", "--rules", "Examples/rules"])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no rule with id or name 'no-such-rule'"))
  }
}
