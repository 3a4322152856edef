import Synchronization
import VigilRules

/// The `kibana.alert.rule.*` fields of a rule, computed once, for its first alert, and copied into each alert.
public struct RuleAlertFields: Sendable {
  /// Flat dotted keys, in the order they are written. Made when first asked for: most rules of a pack never alert in
  /// a scan, and making them for every rule held 10-14 MB more (the corpus, after compiling).
  public var members: [(String, JSONValue)] { lazyMembers.get { Self.members(of: rule) } }
  /// The rule's saved-object id in Kibana; Vigil has no saved objects, so the `rule_id` stands in.
  public let ruleUUID: String
  private let rule: DetectionRule
  private let lazyMembers = Lazy<[(String, JSONValue)]>()
  /// `members` as JSON text, made when the rule's first alert is written.
  private let text = Lazy<[UInt8]>()

  /// `members` as the members of a JSON object (`"key":value,…`, no braces): half an alert's text, the same in
  /// every alert of the rule.
  var jsonText: [UInt8] {
    text.get {
      let object = JSONObject(members)
      var out: [UInt8] = []
      var first = true
      JSONValue.writeMembers(of: object, in: 0..<object.count, to: &out, first: &first)
      return out
    }
  }

  /// Whether `key` could name one of the fields (all are `kibana.alert.rule.*`).
  static func isFieldKey(_ key: String) -> Bool {
    key.utf8.first == UInt8(ascii: "k") && key.hasPrefix("kibana.alert.rule.")
  }

  /// The value of member `key`, if it is one.
  func value(of key: String) -> JSONValue? {
    guard Self.isFieldKey(key) else { return nil }
    return members.first { $0.0 == key }?.1
  }

  public init(_ rule: DetectionRule) {
    ruleUUID = rule.ruleID
    self.rule = rule
  }

  private static func members(of rule: DetectionRule) -> [(String, JSONValue)] {
    func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
    var members: [(String, JSONValue)] = [
      ("kibana.alert.rule.category", .string(Self.category(rule.type))),
      ("kibana.alert.rule.consumer", .string("siem")),
      ("kibana.alert.rule.producer", .string("siem")),
      ("kibana.alert.rule.rule_type_id", .string(Self.ruleTypeID(rule.type))),
      ("kibana.alert.rule.uuid", .string(rule.ruleID)),
      ("kibana.alert.rule.rule_id", .string(rule.ruleID)),
      ("kibana.alert.rule.name", .string(rule.name)),
      ("kibana.alert.rule.type", .string(rule.type.rawValue)),
      ("kibana.alert.rule.version", .int(rule.version ?? 1)),
      ("kibana.alert.rule.description", .string(rule.description)),
      ("kibana.alert.rule.author", strings(rule.authors)),
      ("kibana.alert.rule.severity", .string(rule.severity.rawValue)),
      ("kibana.alert.rule.risk_score", .int(rule.riskScore)),
      ("kibana.alert.rule.from", .string(rule.schedule.from.text)),
      ("kibana.alert.rule.to", .string(rule.schedule.to.text)),
      ("kibana.alert.rule.interval", .string(rule.schedule.interval.text)),
      ("kibana.alert.rule.max_signals", .int(rule.schedule.maxSignals)),
      ("kibana.alert.rule.references", strings(rule.references)),
      ("kibana.alert.rule.false_positives", strings(rule.falsePositives)),
      ("kibana.alert.rule.tags", strings(rule.tags)),
      ("kibana.alert.rule.threat", .array(rule.threat.map(Self.threat))),
      ("kibana.alert.rule.indices", strings(rule.index)),
      ("kibana.alert.rule.enabled", .bool(true)),
      ("kibana.alert.rule.immutable", .bool(false)),
      ("kibana.alert.rule.exceptions_list", .array(rule.exceptionsList.map { list in
        .object(JSONObject([("id", .string(list.id)), ("list_id", .string(list.listID)),
          ("namespace_type", .string(list.namespaceType)), ("type", .string(list.type))]))
      })),
    ]
    if let license = rule.license { members.append(("kibana.alert.rule.license", .string(license))) }
    if let override = rule.timestampOverride {
      members.append(("kibana.alert.rule.timestamp_override", .string(override)))
    }
    if let override = rule.ruleNameOverride {
      members.append(("kibana.alert.rule.rule_name_override", .string(override)))
    }
    if let note = rule.note { members.append(("kibana.alert.rule.note", .string(note))) }
    members.append((
      "kibana.alert.rule.severity_mapping",
      .array(rule.severityMapping.map { mapping in
        .object(JSONObject([
          ("field", .string(mapping.field)), ("operator", .string(mapping.operator)), ("value", .string(mapping.value)),
          ("severity", .string(mapping.severity.rawValue)),
        ]))
      })
    ))
    members.append((
      "kibana.alert.rule.risk_score_mapping",
      .array(rule.riskScoreMapping.map { mapping in
        .object(JSONObject([
          ("field", .string(mapping.field)), ("operator", .string(mapping.operator)), ("value", .string(mapping.value)),
        ]))
      })
    ))
    return members
  }

  static func threat(_ mapping: ThreatMapping) -> JSONValue {
    func entry(_ entry: ThreatMapping.Entry) -> JSONObject {
      JSONObject([("id", .string(entry.id)), ("name", .string(entry.name)), ("reference", .string(entry.reference))])
    }
    let techniques = mapping.techniques.map { technique -> JSONValue in
      var object = entry(technique.entry)
      if !technique.subtechniques.isEmpty {
        object["subtechnique"] = .array(technique.subtechniques.map { .object(entry($0)) })
      }
      return .object(object)
    }
    return .object(JSONObject([
      ("framework", .string(mapping.framework)), ("tactic", .object(entry(mapping.tactic))),
      ("technique", .array(techniques)),
    ]))
  }

  /// Kibana's rule type ids (`kibana.alert.rule.rule_type_id`).
  static func ruleTypeID(_ type: RuleType) -> String {
    switch type {
    case .query: "siem.queryRule"
    case .savedQuery: "siem.savedQueryRule"
    case .eql: "siem.eqlRule"
    case .esql: "siem.esqlRule"
    case .threshold: "siem.thresholdRule"
    case .threatMatch: "siem.indicatorRule"
    case .machineLearning: "siem.mlRule"
    case .newTerms: "siem.newTermsRule"
    }
  }

  /// The names Kibana gives rule types (`kibana.alert.rule.category`).
  static func category(_ type: RuleType) -> String {
    switch type {
    case .query: "Custom Query Rule"
    case .savedQuery: "Saved Query Rule"
    case .eql: "Event Correlation Rule"
    case .esql: "ES|QL Rule"
    case .threshold: "Threshold Rule"
    case .threatMatch: "Indicator Match Rule"
    case .machineLearning: "Machine Learning Rule"
    case .newTerms: "New Terms Rule"
    }
  }
}

/// A value made once, when first asked for, and shared by the threads that ask.
final class Lazy<Value: Sendable>: Sendable {
  private let value = Mutex<Value?>(nil)

  func get(_ make: () -> Value) -> Value {
    value.withLock { value in
      if let value { return value }
      let made = make()
      value = made
      return made
    }
  }
}
