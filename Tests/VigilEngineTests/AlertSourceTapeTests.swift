import Foundation
import Testing
import VigilEvents
import VigilRules
import VigilTestSupport

@testable import VigilEngine

/// An event alert written from its source's text (``AlertSourceTape``) is the alert the tree builds from the parsed
/// source, byte for byte, whatever the source's shape; the tape declines what it would not copy exactly.
struct AlertSourceTapeTests {
  /// Sources that exercise each rule of the copy: escapes, whitespace, numbers, empty containers, the `event`
  /// object and `event.kind`, `@timestamp` shapes, removed members, flattened namespaces, non-ASCII values.
  static let shapes: [String] = [
    #"{"@timestamp":"2026-11-02T09:00:00.000Z","process":{"name":"bash"},"host":{"name":"web-1"}}"#,
    #"{ "@timestamp" : "2026-11-02T09:00:00Z" ,"process": { "name" : "sh", "args" : [ "a" , "b" ] } }"#,
    #"{"message":"quote \" slash \\ solidus \/ e \u00e9 smile \ud83d\ude00 bell \u0007 tab \t","a":"\u00E9t\u00e9"}"#,
    #"{"message":"lone \ud800 surrogate","x":"\udc00"}"#,
    #"{"n":[1,1.0,-0,1e5,1E+5,-2.5e-3,12345678901234567890123,0.1]}"#,
    #"{"a":[],"b":{},"c":[[]],"d":{"e":{}},"f":[{},[],1],"g":{"h":[],"i":2},"j":[[],[[]]]}"#,
    #"{"event":{"kind":"event"},"host":{"name":"h"}}"#,
    #"{"event":{"kind":[]},"host":{"name":"h"}}"#,
    #"{"event":{"kind":"alert","category":["process"],"type":["start"],"x":{"y":{"z":1}},"empty":[]}}"#,
    #"{"event.kind":"event","event.action":"exec","event":{"category":"file"},"data_stream.dataset":"d"}"#,
    #"{"event":"not an object","data_stream":{"type":"logs","dataset":"x","namespace":"default"}}"#,
    #"{"@timestamp":1700000000000,"host":{"name":"h"}}"#,
    #"{"@timestamp":[],"host":{"name":"h"}}"#,
    #"{"host":{"name":"no time"}}"#,
    #"{"kibana":{"alert":{"x":1}},"signal":{"y":2},"threshold_result":{"z":3},"user":{"name":"root"}}"#,
    #"{"host.name":"flat","host":{"name":"nested"},"process.parent.name":"init","source":{"ip":"10.0.0.1","port":22}}"#,
    #"{"user":{"name":["root","admin"]},"file":{"name":"é.txt"},"destination":{"ip":["1.1.1.1"],"port":[443]}}"#,
    #"{"event":{"severity":3},"host":{"name":"web-1"},"process":{"name":["bash"],"parent":{"name":null}}}"#,
    #"{}"#,
    #"{"a":true,"b":false,"c":null,"d":[true,null]}"#,
    #"{"event":{"a.b":1,"a":{"b":2},"c":{}},"data_stream":{"x.y":"z"}}"#,
    #"{"process":{"executable":"C:\\Windows\\cmd.exe","args":["a\"b","tab\tnl\ncr\r"],"env":{"x":"\/x"}}}"#,
    #"{"file":{"p":{"q":"\u0041","r":"\b\f"},"s":"ok"},"dll":{"a":{"b":[1, 2]}},"host":{"ip":["1.2.3.4"]}}"#,
    #"{"registry":{"data":{"strings":["\\\\?\\C:\\x"]},"path":"HKLM\\Software"},"event":{"kind":"event","id":"\\"}}"#,
    #"{"event":{"action":"open"},"event.action":"close","data_stream.type":"logs"}"#,
  ]

  /// Sources the tape leaves to the tree.
  static let declined: [String] = [
    #"{"a":1,"a":2}"#, #"{"x":{"b":1,"b":2}}"#, #"{"é":1}"#, #"{"a\"b":1}"#, #"{"kibana.alert.rule.name":"x"}"#,
    #"[1]"#, #"{"a":1"#, #"{"a":01x}"#, #"{"a":"\x"}"#, "{\"a\":\"ctrl\u{01}\"}",
    // Keys read word by word: a non-ASCII byte, an escape or a control character past the first word.
    #"{"abcdefghijé":1}"#, #"{"abcdefghijklmnop\"q":1}"#, "{\"abcdefghij\u{01}\":1}",
    String(repeating: #"{"a":"#, count: 300) + "1" + String(repeating: "}", count: 300),
  ]

  static func rule(_ mutate: (inout DetectionRule) -> Void = { _ in }) throws -> DetectionRule {
    var rule = try #require(RuleLoader.load(text: AlertBuilderTests.ruleText, path: "r.toml").rule)
    mutate(&rule)
    return rule
  }

  static let time = Timestamp.parse(Array("2026-11-02T09:05:00Z".utf8))!

  /// The alert by the tape (when it takes the source) and by the tree.
  static func alerts(
    _ text: String, rule: DetectionRule,
    extra: [(String, JSONValue)] = [("kibana.alert.new_terms", .array([.string("t")]))]
  ) -> (text: Alert, tree: Alert) {
    let source = SourceDocument(bytes: Array(text.utf8), index: "logs-x", documentID: nil)
    let fields = RuleAlertFields(rule)
    let byText = AlertBuilder.eventAlert(rule: rule, fields: fields, source: source, alertTime: time, extra: extra)
    let byTree = AlertBuilder.eventAlert(
      rule: rule, fields: fields, document: JSONValue.parse(source.bytes)?.object ?? JSONObject(),
      index: source.index, id: source.id, alertTime: time, extra: extra)
    return (byText, byTree)
  }

  static func expectSame(
    _ text: String, rule: DetectionRule,
    extra: [(String, JSONValue)] = [("kibana.alert.new_terms", .array([.string("t")]))]
  ) {
    let (byText, byTree) = alerts(text, rule: rule, extra: extra)
    #expect(String(decoding: byText.jsonLine, as: UTF8.self) == String(decoding: byTree.jsonLine, as: UTF8.self))
    #expect(byText.document == byTree.document, "\(text)")
    #expect(byText.severity == byTree.severity && byText.uuid == byTree.uuid, "\(text)")
    for key in ["@timestamp", "host", "event", "kibana.alert.reason", "missing"] {
      #expect(byText[member: key] == byTree[member: key], "\(key) of \(text)")
    }
  }

  @Test(arguments: shapes)
  func textAndTreeGiveTheSameAlert(_ text: String) throws {
    #expect(AlertSourceTape(Array(text.utf8)) != nil, "the tape takes \(text)")
    Self.expectSame(text, rule: try Self.rule())
    // Mappings and an override read the source by path as the tree does.
    let mapped = try Self.rule {
      $0.riskScoreMapping = [RiskScoreMapping(field: "event.severity", operator: "equals", value: "")]
      $0.ruleNameOverride = "host.name"
      $0.severityMapping.append(
        SeverityMapping(field: "event.kind", operator: "equals", value: "alert", severity: .critical))
    }
    Self.expectSame(text, rule: mapped)
  }

  /// Extra members that set the alert's own members again, or a rule field, or repeat, land where the tree puts
  /// them; a building block's type is written too.
  @Test func extraMembersThatRepeatKeysGiveTheSameAlert() throws {
    let extras: [[(String, JSONValue)]] = [
      [("kibana.alert.depth", .int(2))], [("kibana.alert.rule.name", .string("other"))],
      [("kibana.alert.group.id", .string("g")), ("kibana.alert.group.index", .int(1))],
      [("kibana.alert.group.id", .string("g")), ("kibana.alert.group.id", .string("h"))],
      [("kibana.alert.original_event.action", .string("x"))], [],
    ]
    let block = try Self.rule { $0.buildingBlockType = "default" }
    for extra in extras {
      for text in Self.shapes.prefix(3) + Self.shapes.suffix(2) {
        Self.expectSame(text, rule: block, extra: extra)
      }
    }
  }

  /// An object of many keys of every length, one of them repeated long after its first: the tape finds the repeat
  /// (the tree keeps one value) and takes the same keys in objects of their own.
  @Test func repeatedKeyIsFoundAmongMany() throws {
    let keys = (1...80).map { String(repeating: "k", count: $0 % 20) + String($0) }
    func object(_ keys: [String]) -> String { "{" + keys.map { #""\#($0)":1"# }.joined(separator: ",") + "}" }
    #expect(AlertSourceTape(Array(object(keys).utf8)) != nil)
    let repeated = object(keys + [keys[3]])
    #expect(AlertSourceTape(Array(repeated.utf8)) == nil)
    Self.expectSame(repeated, rule: try Self.rule())
    let nested = #"{"a":"# + object(keys) + #","b":"# + object(keys) + "}"
    #expect(AlertSourceTape(Array(nested.utf8)) != nil)
    Self.expectSame(nested, rule: try Self.rule())
  }

  @Test(arguments: declined)
  func unusualSourcesAreLeftToTheTree(_ text: String) throws {
    let tape = AlertSourceTape(Array(text.utf8))
    #expect(tape == nil || tape!.hasAlertFieldKeys, "\(text)")
    Self.expectSame(text, rule: try Self.rule())
  }

  /// Every sample document of Elastic's packages gives the same alert both ways.
  @Test func sampleDocumentsGiveTheSameAlert() throws {
    guard let folder = SharedData.ecsSamples else {
      print(SharedData.missingMessage("samples/ecs"))
      return
    }
    let rule = try Self.rule()
    var taken = 0
    var count = 0
    let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
    for file in files where file.pathExtension == "ndjson" {
      for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where !line.isEmpty {
        count += 1
        if AlertSourceTape(Array(line.utf8)) != nil { taken += 1 }
        Self.expectSame(String(line), rule: rule)
      }
    }
    #expect(count > 1000)
    #expect(taken * 10 > count * 9, "the tape takes most real documents (\(taken) of \(count))")
  }

  /// Setting members of an alert written from text changes it as the tree's alert changes: source members too.
  @Test func membersChangeAlike() throws {
    let rule = try Self.rule()
    let changes: [(String, JSONValue?)] = [
      ("kibana.alert.uuid", .string("x")), ("user", .string("u")), ("host", nil), ("new.key", .int(1)),
      ("@timestamp", .string("t")),
    ]
    for change in changes {
      var (byText, byTree) = Self.alerts(Self.shapes[0], rule: rule)
      byText[member: change.0] = change.1
      byTree[member: change.0] = change.1
      #expect(byText.jsonLine == byTree.jsonLine, "\(change.0)")
      #expect(byText.document == byTree.document, "\(change.0)")
    }
  }
}
