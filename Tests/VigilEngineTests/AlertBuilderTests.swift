import Testing
import VigilEngine
import VigilEvents
import VigilRules

struct AlertBuilderTests {
  static let ruleText = """
    [metadata]
    creation_date = "2026/01/02"
    updated_date = "2026/01/02"

    [rule]
    author = ["Tester"]
    description = "A shell."
    index = ["logs-endpoint.events.process-*"]
    language = "kuery"
    name = "Suspicious Shell"
    risk_score = 47
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "medium"
    tags = ["OS: Linux"]
    type = "query"
    query = "process.name:bash"

    [[rule.severity_mapping]]
    field = "host.name"
    operator = "equals"
    value = "web-1"
    severity = "high"

    [[rule.severity_mapping]]
    field = "event.severity"
    operator = "equals"
    value = "3"
    severity = "critical"

    [[rule.threat]]
    framework = "MITRE ATT&CK"
    [rule.threat.tactic]
    id = "TA0002"
    name = "Execution"
    reference = "https://attack.mitre.org/tactics/TA0002/"
    """

  static let event = #"""
    {"@timestamp":"2026-11-02T09:00:00.000Z","event":{"category":["process"],"kind":"event","action":"exec"},"data_stream":{"dataset":"endpoint.events.process"},"process":{"name":"bash","parent":{"name":"sshd"}},"user":{"name":"root"},"host":{"name":"web-1"},"kibana":{"x":1},"signal":{"y":2}}
    """#

  static func alert(_ document: String = event, index: String? = "logs-endpoint.events.process-default",
                    mutate: (inout DetectionRule) -> Void = { _ in }) throws -> Alert {
    var rule = try #require(RuleLoader.load(text: ruleText, path: "r.toml").rule)
    mutate(&rule)
    let time = Timestamp.parse(Array("2026-11-02T09:05:00Z".utf8))!
    return AlertBuilder.eventAlert(
      rule: rule, fields: RuleAlertFields(rule),
      source: SourceDocument(bytes: Array(document.utf8), index: index, documentID: "abc"), alertTime: time)
  }

  /// Kibana drops empty objects and arrays from the source, at any depth, and what they leave empty; a source
  /// without any keeps its members in order.
  @Test func emptyObjectsAndArraysLeaveTheSource() throws {
    let document = try Self.alert(
      #"{"@timestamp":"2026-11-02T09:00:00.000Z","tags":[],"process":{"name":"bash","args":[],"parent":{"x":{}}},"host":{"name":"web-1","ip":[[],"10.0.0.1"]}}"#
    ).document
    #expect(document["tags"] == nil)
    #expect(document["process"] == .object(JSONObject([("name", .string("bash"))])))
    #expect(document.value(atPath: "host.ip") == .array([.string("10.0.0.1")]))
    let kept = try Self.alert().document
    #expect(Array(kept.keys.prefix(7)) == ["@timestamp", "event", "data_stream", "process", "user", "host", "event.kind"])
  }

  /// A dotted path reaches values through nested objects, dotted keys and any mix of them.
  @Test func dottedPathsReachNestedAndDottedKeys() throws {
    let document = try #require(
      JSONValue.parse(Array(#"{"a":{"b.c":{"d":1}},"e.f":{"g":2},"h.i.j":3,"k":{"l":{"m":4}}}"#.utf8))?.object)
    #expect(document.value(atPath: "a.b.c.d") == .int(1))
    #expect(document.value(atPath: "e.f.g") == .int(2))
    #expect(document.value(atPath: "h.i.j") == .int(3))
    #expect(document.value(atPath: "k.l.m") == .int(4))
    #expect(document.value(atPath: "k.l") == .object(JSONObject([("m", .int(4))])))
    #expect(document.value(atPath: "k.x") == nil)
    #expect(document.value(atPath: "a.b") == nil)
  }

  @Test func copiesTheEventAndAddsKibanaFields() throws {
    let document = try Self.alert().document
    #expect(document["@timestamp"] == .string("2026-11-02T09:05:00.000Z"))
    #expect(document["kibana.alert.original_time"] == .string("2026-11-02T09:00:00.000Z"))
    #expect(document["event.kind"] == .string("signal"))
    #expect(document.value(atPath: "event.action") == .string("exec"))
    #expect(document["event"]?.object?["kind"] == nil)
    #expect(document["kibana.alert.original_event.kind"] == .string("event"))
    #expect(document["kibana.alert.original_event.category"] == .array([.string("process")]))
    #expect(document["kibana.alert.original_data_stream.dataset"] == .string("endpoint.events.process"))
    #expect(document["kibana"] == nil)
    #expect(document["signal"] == nil)
    #expect(document.value(atPath: "process.parent.name") == .string("sshd"))
    #expect(document["kibana.alert.rule.rule_id"] == .string("5b7d4c2a-1111-4222-8333-944455556666"))
    #expect(document["kibana.alert.rule.rule_type_id"] == .string("siem.queryRule"))
    #expect(document["kibana.alert.rule.severity"] == .string("medium"))
    #expect(document["kibana.alert.rule.threat"]?.jsonText.contains(#""tactic":{"id":"TA0002""#) == true)
    #expect(document["kibana.alert.workflow_status"] == .string("open"))
    #expect(document["kibana.alert.depth"] == .int(1))
    #expect(document["kibana.alert.ancestors"] == .array([.object(JSONObject([
      ("id", .string("abc")), ("type", .string("event")),
      ("index", .string("logs-endpoint.events.process-default")), ("depth", .int(0)),
    ]))]))
  }

  @Test func reasonFollowsKibanasTemplate() throws {
    let document = try Self.alert().document
    #expect(document["kibana.alert.reason"] == .string(
      "process event with process bash, parent process sshd, by root on web-1 created high alert Suspicious Shell."))
    let network = #"{"event":{"category":"network"},"source":{"ip":"10.0.0.1","port":4444},"destination":{"ip":"10.0.0.2"},"user":{"name":"-"}}"#
    #expect(try Self.alert(network).document["kibana.alert.reason"] == .string(
      "network event with source 10.0.0.1:4444, destination 10.0.0.2 created medium alert Suspicious Shell."))
  }

  @Test func severityMappingTakesTheHighestMatch() throws {
    #expect(try Self.alert().severity == .high)
    let critical = Self.event.replacingOccurrences(of: #""kind":"event""#, with: #""kind":"event","severity":3"#)
    let alert = try Self.alert(critical)
    #expect(alert.severity == .critical)
    #expect(alert.document["kibana.alert.severity"] == .string("critical"))
    #expect(alert.document["kibana.alert.rule.severity"] == .string("medium"))
    let other = Self.event.replacingOccurrences(of: "web-1", with: "db-2")
    #expect(try Self.alert(other).severity == .medium)
  }

  @Test func riskScoreAndNameOverrides() throws {
    let document = #"{"event":{"risk_score":[120, 88, "x"]},"rule":{"name":"From the event"}}"#
    let alert = try Self.alert(document) { rule in
      rule.riskScoreMapping = [RiskScoreMapping(field: "event.risk_score", operator: "equals", value: "")]
      rule.ruleNameOverride = "rule.name"
    }
    #expect(alert.document["kibana.alert.risk_score"] == .int(88))
    #expect(alert.document["kibana.alert.rule.name"] == .string("From the event"))
    #expect(alert.document["kibana.alert.reason"]?.string?.hasSuffix("alert From the event.") == true)
  }

  @Test func uuidIsDeterministicPerRuleAndEvent() throws {
    let first = try Self.alert()
    #expect(first.uuid == (try Self.alert()).uuid)
    #expect(first.uuid.count == 64)
    #expect(first.uuid != (try Self.alert(index: "other")).uuid)
    let otherRule = try Self.alert { $0.ruleID = "00000000-1111-4222-8333-944455556666" }
    #expect(first.uuid != otherRule.uuid)
  }

  @Test func buildingBlockTypeIsCopied() throws {
    let alert = try Self.alert { $0.buildingBlockType = "default" }
    #expect(alert.document["kibana.alert.building_block_type"] == .string("default"))
  }

  @Test func alertDocumentIsValidJSONThatRoundTrips() throws {
    let alert = try Self.alert()
    let text = String(decoding: alert.jsonLine, as: UTF8.self)
    #expect(JSONValue.parse(Array(text.utf8)) == .object(alert.document))
  }

  /// An alert writes the rule's fields from the rule's JSON text: its line must be that of its document, the rule's
  /// fields after the copied `event.*` and before the alert's own; a source with a flattened key of theirs keeps it
  /// where it was, with the rule's value, as when the fields are set one by one.
  @Test func ruleFieldsAreWrittenWhereTheDocumentHasThem() throws {
    let flattened = Self.event.replacingOccurrences(
      of: #""user":"#, with: #""kibana.alert.rule.name":"from the source","user":"#)
    for alert in [try Self.alert(), try Self.alert(flattened)] {
      let document = alert.document
      #expect(alert.jsonLine == JSONValue.object(document).jsonText.utf8.map { $0 })
      let keys = document.keys
      let ruleFields = try #require(keys.firstIndex(of: "kibana.alert.rule.category"))
      #expect(keys[ruleFields - 1].hasPrefix("kibana.alert.original_data_stream."))
      #expect(keys[ruleFields + 1] == "kibana.alert.rule.consumer")
      #expect(keys.firstIndex(of: "kibana.alert.uuid")! > ruleFields)
      #expect(document["kibana.alert.rule.name"] == .string("Suspicious Shell"))
    }
    let moved = try Self.alert(flattened).document.keys
    #expect(moved.firstIndex(of: "kibana.alert.rule.name")! < moved.firstIndex(of: "user")!)
  }

  /// Setting a member of an alert changes its document as setting it in `document` does: in place when the key
  /// exists (a rule field too), last when new, gone when `nil`.
  @Test func membersChangeAsTheDocumentWould() throws {
    let changes: [(String, JSONValue?)] = [
      ("kibana.alert.uuid", .string("x")), ("kibana.alert.depth", .int(2)), ("kibana.alert.group.id", .string("g")),
      ("kibana.alert.rule.severity", .string("low")), ("host", nil), ("kibana.alert.status", nil),
    ]
    for count in 0...changes.count {
      var alert = try Self.alert()
      var expected = alert.document
      for (key, value) in changes.prefix(count) {
        alert[member: key] = value
        expected[key] = value
        #expect(alert[member: key] == value)
      }
      #expect(alert.document == expected)
      #expect(alert.jsonLine == JSONValue.object(expected).jsonText.utf8.map { $0 })
    }
  }
}
