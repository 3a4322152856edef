import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules
import VigilTestSupport

/// EQL rules in the engine: event queries and sequences, with Kibana's building-block and shell alerts.
struct EQLRuleTests {
  static func exec(_ name: String, _ args: [String], at time: String = "2026-11-02T09:00:00Z") -> String {
    let argsJSON = "[" + ([name] + args).map { "\"\($0)\"" }.joined(separator: ",") + "]"
    return #"{"@timestamp":"\#(time)","event":{"category":["process"],"type":["start"],"action":"exec","ingested":"\#(time)"},"data_stream":{"type":"logs","dataset":"endpoint.events.process","namespace":"default"},"host":{"name":"h","os":{"type":"linux"}},"process":{"name":"\#(name)","args":\#(argsJSON),"command_line":"\#(([name] + args).joined(separator: " "))","parent":{"name":"bash"}}}"#
  }

  @Test func corpusUnixSocketRuleAlertsOnNetcatAndSocatButNotOnLibvirt() throws {
    guard let root = SharedData.detectionRules else {
      print(SharedData.missingMessage("the detection-rules corpus"))
      return
    }
    let rule = RuleLoader.load(path: root.appendingPathComponent("rules/linux/execution_unix_socket_communication.toml").path)
    #expect(rule.rule?.name == "Unix Socket Connection")
    let alerts = try EngineTesting.scan([rule], [
      Self.exec("nc", ["-U", "/var/run/docker.sock"]),
      Self.exec("socat", ["-", "UNIX-CLIENT:/run/containerd/containerd.sock"]),
      Self.exec("nc", ["-U", "/var/run/libvirt/libvirt-sock"]),
      Self.exec("nc", ["-zv", "10.0.0.5", "5432"]),
      Self.exec("ncat", ["-U", "/tmp/x.sock"]),
    ])
    #expect(alerts.map { $0.document.value(atPath: "process.command_line")?.string } == [
      "nc -U /var/run/docker.sock", "socat - UNIX-CLIENT:/run/containerd/containerd.sock",
    ])
  }

  static let sequenceRule = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"
    [rule]
    author = ["T"]
    description = "d"
    index = ["logs-*"]
    language = "eql"
    name = "Fetch Then Run"
    risk_score = 73
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "high"
    type = "eql"
    query = '''
    sequence by host.name with maxspan=1m
      [process where process.name == "curl"]
      [process where process.name == "sh"]
    '''
    """

  @Test func sequenceGivesBuildingBlocksAndAShellSharingAGroupID() throws {
    let alerts = try EngineTesting.scan([RuleLoader.load(text: Self.sequenceRule, path: "r.toml")], [
      Self.exec("curl", ["-o", "/tmp/x"], at: "2026-11-02T09:00:00Z"),
      Self.exec("sh", ["/tmp/x"], at: "2026-11-02T09:00:10Z"),
      Self.exec("curl", ["-o", "/tmp/y"], at: "2026-11-02T09:10:00Z"),
      Self.exec("sh", ["/tmp/y"], at: "2026-11-02T09:12:00Z"),
    ])
    #expect(alerts.count == 3)
    let shellID = try #require(alerts.last?.uuid)
    #expect(alerts.allSatisfy { $0.document["kibana.alert.group.id"] == .string(shellID) })
    #expect(alerts.prefix(2).map { $0.document["kibana.alert.group.index"] } == [.int(0), .int(1)])
    #expect(alerts.prefix(2).allSatisfy { $0.document["kibana.alert.building_block_type"] == .string("default") })
    let shell = try #require(alerts.last?.document)
    #expect(shell["kibana.alert.depth"] == .int(2))
    #expect(shell.value(atPath: "host.name") == .string("h"))
    #expect(shell.value(atPath: "process.parent.name") == .string("bash"))
    #expect(shell.value(atPath: "process.name") == nil)
    #expect(shell["kibana.alert.building_block_type"] == nil)
    if case .array(let ancestors)? = shell["kibana.alert.ancestors"] { #expect(ancestors.count == 4) }
  }

  static func sequenceRule(_ query: String) -> String {
    let start = sequenceRule.range(of: "sequence by")!.lowerBound
    let end = sequenceRule.range(of: "\n'''")!.lowerBound
    return sequenceRule.replacingCharacters(in: start..<end, with: query)
  }

  /// The engine evaluates a sequence's steps with every other rule's tests and hands the results to the matcher as
  /// bits: a repeated step (`runs`), a missing event and `until` each keep their meaning.
  @Test func sequenceStepsKeepTheirRolesWhenEvaluatedWithTheOtherRules() throws {
    let rule = Self.sequenceRule(
      """
      sequence by host.name with maxspan=1m
        [process where process.name == "curl"] with runs=2
        ![process where process.name == "rm"]
        [process where process.name == "sh"]
      until [process where process.name == "reboot"]
      """)
    let alerts = try EngineTesting.scan([RuleLoader.load(text: rule, path: "r.toml")], [
      Self.exec("curl", ["1"], at: "2026-11-02T09:00:00Z"), Self.exec("curl", ["2"], at: "2026-11-02T09:00:05Z"),
      Self.exec("sh", ["3"], at: "2026-11-02T09:00:10Z"),
      // A missing event between the steps rejects the sequence.
      Self.exec("curl", ["4"], at: "2026-11-02T09:05:00Z"), Self.exec("curl", ["5"], at: "2026-11-02T09:05:01Z"),
      Self.exec("rm", ["6"], at: "2026-11-02T09:05:02Z"), Self.exec("sh", ["7"], at: "2026-11-02T09:05:03Z"),
      // `until` drops the partial sequence.
      Self.exec("curl", ["8"], at: "2026-11-02T09:10:00Z"), Self.exec("curl", ["9"], at: "2026-11-02T09:10:01Z"),
      Self.exec("reboot", ["10"], at: "2026-11-02T09:10:02Z"), Self.exec("sh", ["11"], at: "2026-11-02T09:10:03Z"),
      Self.exec("curl", ["12"], at: "2026-11-02T09:20:00Z"), Self.exec("curl", ["13"], at: "2026-11-02T09:20:01Z"),
      Self.exec("sh", ["14"], at: "2026-11-02T09:20:02Z"),
    ])
    let blocks = alerts.filter { $0.document["kibana.alert.building_block_type"] != nil }
    #expect(
      blocks.map { $0.document.value(atPath: "process.command_line")?.string } == [
        "curl 1", "curl 2", "sh 3", "curl 12", "curl 13", "sh 14",
      ])
    #expect(alerts.count == blocks.count + 2)
  }

  /// A scan hands a sequence's step results over as the bits of one word; a longer sequence is skipped with a
  /// reason rather than run wrongly.
  @Test func sequenceOfMoreStepsThanAScanRunsIsSkippedWithAReason() {
    let steps = (0...RuleMatch.maximumSteps).map { "  [process where process.name == \"p\($0)\"]" }
    let rule = Self.sequenceRule("sequence by host.name\n" + steps.joined(separator: "\n"))
    let ruleSet = CompiledRuleSet(files: [RuleLoader.load(text: rule, path: "r.toml")])
    #expect(ruleSet.rules.isEmpty)
    #expect(ruleSet.skipped.map(\.reason) == ["a sequence of more than 64 steps is not run by scan"])
  }

  /// "Potential Privilege Escalation via Recently Compiled Executable" joins the compiler's `process.args` with the file the
  /// linker creates: Elasticsearch joins a multi-valued key on each value, so the output name among the arguments
  /// makes the sequence.
  @Test func corpusPostCompilationRuleJoinsTheOutputNameAmongTheCompilerArguments() throws {
    guard let path = SharedData.corpusRulePath("rules/linux/privilege_escalation_uid_change_post_compilation.toml") else {
      return
    }
    let file = RuleLoader.load(path: path)
    func event(_ second: Int, _ category: String, _ type: String, _ action: String, _ rest: String) -> String {
      #"{"@timestamp":"2026-11-02T09:00:0\#(second)Z","event":{"category":["\#(category)"],"type":["\#(type)"],"action":"\#(action)"},"host":{"id":"h1","os":{"type":"linux"}},\#(rest)}"#
    }
    let lines = [
      event(1, "process", "start", "exec", #""process":{"name":"gcc","args":["gcc","-o","exploit","exploit.c"]},"user":{"id":"1000"}"#),
      event(2, "file", "creation", "creation", #""process":{"name":"ld"},"file":{"name":"exploit"},"user":{"id":"1000"}"#),
      event(3, "process", "start", "exec", #""process":{"name":"exploit"},"user":{"id":"1000"}"#),
      event(4, "process", "change", "uid_change", #""process":{"name":"exploit"},"user":{"id":"0"}"#),
    ]
    let alerts = try EngineTesting.scan([file], lines)
    #expect(alerts.count == 5, "four building blocks and the shell")
    #expect(
      alerts.last?.document["kibana.alert.rule.name"]
        == .string("Potential Privilege Escalation via Recently Compiled Executable"))
  }
}
