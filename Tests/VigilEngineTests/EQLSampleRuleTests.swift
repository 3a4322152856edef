import Foundation
import Testing
import VigilEngine
import VigilEvents
import VigilRules
import VigilTestSupport

/// EQL `sample` rules in the engine: run over the rule's scheduled windows, each sample giving building-block alerts
/// and a shell alert, as a sequence does.
struct EQLSampleRuleTests {
  /// `sample by host.id [a] [b]`, run every 5 minutes over the last 6.
  static let rule = EngineTesting.replayRule(
    type: "eql", language: "eql",
    query: #"sample by host.id [process where process.name == "a"] [process where process.name == "b"]"#)

  static func scan(_ lines: [String]) throws -> [Alert] { try EngineTesting.scan([rule], lines) }

  @Test func aSampleGivesBuildingBlocksInSubqueryOrderAndAShell() throws {
    let alerts = try Self.scan([
      EngineTesting.process("b", at: "09:01:00"), EngineTesting.process("a", at: "09:03:00"),
      EngineTesting.process("a", host: "h2", at: "09:03:30"),
    ])
    #expect(alerts.count == 3)
    let shellID = try #require(alerts.last?.uuid)
    #expect(alerts.allSatisfy { $0.document["kibana.alert.group.id"] == .string(shellID) })
    // Subquery order, not time order: the `a` event comes first.
    #expect(alerts.prefix(2).map { $0.document.value(atPath: "process.name") } == [.string("a"), .string("b")])
    #expect(alerts.prefix(2).map { $0.document["kibana.alert.group.index"] } == [.int(0), .int(1)])
    // Found by the run at 09:05, over 08:59-09:05.
    #expect(alerts.allSatisfy { $0.runClock == "09:05:00" })
  }

  @Test func aSampleFoundByOverlappingRunsAlertsOnce() throws {
    // 09:04:30 and 09:04:50 lie in the runs of 09:05 (08:59-09:05) and 09:10 (09:04-09:10).
    let alerts = try Self.scan([EngineTesting.process("a", at: "09:04:30"), EngineTesting.process("b", at: "09:04:50")])
    #expect(alerts.count == 3)
  }

  @Test func eventsThatNoRunSeesTogetherMakeNoSample() throws {
    // `a` is in the run of 09:05 only, `b` in that of 09:10 only.
    let alerts = try Self.scan([EngineTesting.process("a", at: "09:00:30"), EngineTesting.process("b", at: "09:08:00")])
    #expect(alerts.isEmpty)
  }

  @Test func eachJoinKeyValueHasItsSample() throws {
    let alerts = try Self.scan([
      EngineTesting.process("a", host: "h1", at: "09:01:00"), EngineTesting.process("a", host: "h2", at: "09:01:10"),
      EngineTesting.process("b", host: "h2", at: "09:01:20"), EngineTesting.process("b", host: "h1", at: "09:01:30"),
    ])
    #expect(alerts.count == 6)
    #expect(Set(alerts.compactMap { $0.document.value(atPath: "host.id")?.string }) == ["h1", "h2"])
  }

  /// A file of an earlier period read after a later one: its windows ran long ago in event time, and open again for
  /// its events (as an aggregating ES|QL rule's do), so its samples are found.
  @Test func eventsOfAnEarlierPeriodOpenTheirWindowsAgain() throws {
    let alerts = try Self.scan([
      EngineTesting.process("a", host: "h1", at: "09:30:00"), EngineTesting.process("a", host: "h1", at: "09:45:00"),
      EngineTesting.process("a", host: "h2", at: "09:01:00"), EngineTesting.process("b", host: "h2", at: "09:02:00"),
    ])
    #expect(alerts.count == 3)
    #expect(alerts.allSatisfy { $0.document.value(atPath: "host.id") == .string("h2") })
  }

  @Test func replayFindsTheSameAlerts() throws {
    let lines = [
      EngineTesting.process("a", at: "09:04:30"), EngineTesting.process("b", at: "09:04:50"),
      EngineTesting.process("a", host: "h2", at: "09:00:30"), EngineTesting.process("b", host: "h2", at: "09:08:00"),
      EngineTesting.process("b", host: "h3", at: "09:21:00"), EngineTesting.process("a", host: "h3", at: "09:22:00"),
    ]
    let scanned = try Self.scan(lines)
    let replayed = try EngineTesting.replay([Self.rule], lines).alerts
    #expect(scanned.count == 6)
    #expect(Set(replayed.map(\.uuid)) == Set(scanned.map(\.uuid)))
  }

  /// "Potential Meterpreter Reverse Shell": five auditd `open` calls of one process, in any order.
  @Test func corpusMeterpreterRuleAlertsOnTheFiveFilesOfOneProcess() throws {
    guard let path = SharedData.corpusRulePath("rules/linux/execution_shell_via_meterpreter_linux.toml") else { return }
    let file = RuleLoader.load(path: path)
    func open(_ path: String, pid: Int, at time: String) -> String {
      #"{"@timestamp":"2026-11-02T\#(time)Z","event":{"category":["file"],"ingested":"2026-11-02T\#(time)Z"},"host":{"id":"h1","os":{"type":"linux"}},"user":{"id":"0"},"process":{"pid":\#(pid)},"auditd":{"data":{"syscall":"open","a2":"1b6"}},"file":{"path":"\#(path)"}}"#
    }
    let paths = ["/proc/net/if_inet6", "/etc/passwd", "/proc/net/route", "/etc/machine-id", "/proc/net/ipv6_route"]
    var lines = paths.enumerated().map { open($1, pid: 4242, at: "09:01:0\($0)") }
    // Another process opens four of the five.
    lines += paths.dropLast().enumerated().map { open($1, pid: 7, at: "09:02:0\($0)") }
    let alerts = try EngineTesting.scan([file], lines)
    #expect(alerts.count == 6)
    let shell = try #require(alerts.last?.document)
    #expect(shell.value(atPath: "process.pid") == .int(4242))
    #expect(shell["kibana.alert.rule.name"] == .string("Potential Meterpreter Reverse Shell"))
    #expect(
      alerts.dropLast().map { $0.document.value(atPath: "file.path")?.string } == [
        "/etc/machine-id", "/etc/passwd", "/proc/net/route", "/proc/net/ipv6_route", "/proc/net/if_inet6",
      ])
  }
}
