import Crypto
import VigilEvents
import VigilRules

/// Builds alert documents the way Kibana's detection engine does (detection-engine-semantics.md §5): the source
/// event, cleaned, with its `event.*` and `data_stream.*` copied under `kibana.alert.original_*`, the rule's fields,
/// a reason text, severity and risk score after the rule's mappings, and a deterministic id.
public enum AlertBuilder {
  /// The alert for one matching event (query, EQL event query, threat match, …).
  ///
  /// - Parameters:
  ///   - alertTime: the alert's `@timestamp` in nanoseconds (Kibana: the rule run's time).
  ///   - extra: type-specific fields (`kibana.alert.new_terms`, `kibana.alert.group.id`, …).
  ///   - idParts: more inputs of the alert id, for alerts of which one event can give several (new terms values).
  ///   - uuid: the alert's id, when not the one made of the rule, the event and `idParts` (a sequence's building
  ///     blocks take theirs from the sequence).
  public static func eventAlert(
    rule: DetectionRule, fields: RuleAlertFields, source: SourceDocument, alertTime: Int64,
    extra: [(String, JSONValue)] = [], idParts: [String] = [], uuid: String? = nil
  ) -> Alert {
    // Hashed once: a source read from a file has no `_id`, and its text's hash stands in.
    let id = source.id
    let uuid = uuid ?? alertID(index: source.index, id: id, fields: fields, idParts: idParts)
    if readsASCIIPaths(rule), extra.allSatisfy({ $0.0.hasPrefix("kibana.") }),
      let tape = AlertSourceTape(source.bytes), !tape.hasAlertFieldKeys
    {
      return eventAlert(
        rule: rule, fields: fields, tape: tape, index: source.index, id: id, uuid: uuid, alertTime: alertTime,
        extra: extra)
    }
    return eventAlert(
      rule: rule, fields: fields, document: JSONValue.parse(source.bytes)?.object ?? JSONObject(),
      index: source.index, id: id, uuid: uuid, alertTime: alertTime, extra: extra)
  }

  /// The deterministic `kibana.alert.uuid` of an event alert: the same rule and event (and `idParts`) always give the
  /// same id.
  static func alertID(index: String?, id: String, fields: RuleAlertFields, idParts: [String] = []) -> String {
    // The hash of `index + id + "undefined" + "default:" + rule uuid + idParts joined by NUL`, fed piece by piece
    // rather than joined into a string first.
    var hasher = SHA256()
    func feed(_ text: String) {
      var text = text
      text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
    feed(index ?? "")
    feed(id)
    feed("undefineddefault:")
    feed(fields.ruleUUID)
    for (position, part) in idParts.enumerated() {
      if position > 0 { feed("\u{0}") }
      feed(part)
    }
    return SourceDocument.hex(hasher.finalize())
  }

  /// Whether the fields the rule's mappings read are ASCII, as an ``AlertSourceTape`` reads paths.
  private static func readsASCIIPaths(_ rule: DetectionRule) -> Bool {
    func isASCII(_ path: String) -> Bool { path.utf8.allSatisfy { $0 < 0x80 } }
    return rule.severityMapping.allSatisfy { isASCII($0.field) }
      && rule.riskScoreMapping.allSatisfy { isASCII($0.field) } && isASCII(rule.ruleNameOverride ?? "")
  }

  /// The alert for a source already parsed, `document` (an alert built from a synthetic or merged source need not
  /// write it only to parse it again), whose `_index` is `index` and `_id` is `id`.
  static func eventAlert(
    rule: DetectionRule, fields: RuleAlertFields, document source: JSONObject, index: String?, id: String,
    uuid: String? = nil, alertTime: Int64, extra: [(String, JSONValue)] = [], idParts: [String] = []
  ) -> Alert {
    var document = source
    for key in ["kibana", "signal", "threshold_result"] { document[key] = nil }
    document = removingEmptyValues(document)
    let originalTimeText = document.value(atPath: "@timestamp")?.string
    let copied = copiedNamespaces(of: document)
    removeEventKind(from: &document)
    let facts = SourceFacts(
      rule: rule, originalTimeText: originalTimeText, lookup: document.value(atPath:),
      fieldText: { document.value(atPath: $0).map(AlertFieldText.joined) })
    let uuid = uuid ?? alertID(index: index, id: id, fields: fields, idParts: idParts)
    let alertTimeText = Timestamp.iso8601(nanoseconds: alertTime)
    return assemble(
      &document, copied: copied, rule: rule, fields: fields, uuid: uuid, alertTimeText: alertTimeText,
      members: alertMembers(rule: rule, index: index, id: id, uuid: uuid, time: alertTimeText, facts: facts),
      extra: extra, facts: facts)
  }

  /// The alert for a source read as text (``AlertSourceTape``): its members are copied as text, and the alert's
  /// own are added after them as ``eventAlert(rule:fields:document:index:id:uuid:alertTime:extra:idParts:)`` adds
  /// them. When they are sure to be new keys in the order that adds them
  /// (``writesAlertMembers(rule:facts:members:extra:)``),
  /// they are written as text too, and the alert is all text; else they go to a tree after the source's text.
  private static func eventAlert(
    rule: DetectionRule, fields: RuleAlertFields, tape: AlertSourceTape, index: String?, id: String, uuid: String,
    alertTime: Int64, extra: [(String, JSONValue)]
  ) -> Alert {
    let alertTimeText = Timestamp.iso8601(nanoseconds: alertTime)
    var text: [UInt8] = []
    text.reserveCapacity(tape.text.count + fields.jsonText.count + 2048)
    var time: [UInt8] = []
    JSONWriter.appendString(alertTimeText, to: &time)
    let hasTimestamp = tape.writeMembers(alertTime: time, to: &text)
    let facts = SourceFacts(
      rule: rule, originalTimeText: tape.originalTimeText, lookup: tape.value(atPath:),
      fieldText: tape.joinedText(atPath:))
    let members = alertMembers(rule: rule, index: index, id: id, uuid: uuid, time: alertTimeText, facts: facts)
    guard writesAlertMembers(rule: rule, facts: facts, members: members, extra: extra), !tape.copiedKeysMayRepeat
    else {
      var body = JSONObject()
      return assemble(
        &body, copied: tape.copiedNamespaces(), prefix: text, prefixHasTimestamp: hasTimestamp, rule: rule,
        fields: fields, uuid: uuid, alertTimeText: alertTimeText, members: members, extra: extra, facts: facts)
    }
    var first = text.isEmpty
    func separate() {
      if !first { text.append(UInt8(ascii: ",")) }
      first = false
    }
    func key(_ key: String) {
      separate()
      JSONWriter.appendString(key, to: &text)
      text.append(UInt8(ascii: ":"))
    }
    if !hasTimestamp {
      key("@timestamp")
      text.append(contentsOf: time)
    }
    key("event.kind")
    JSONWriter.appendString("signal", to: &text)
    if let originalTimeText = facts.originalTimeText {
      key("kibana.alert.original_time")
      JSONWriter.appendString(originalTimeText, to: &text)
    }
    tape.writeCopiedNamespaces(to: &text, first: &first)
    let ruleFields = fields.jsonText
    if !ruleFields.isEmpty {
      separate()
      text.append(contentsOf: ruleFields)
    }
    // Two loops: `members + extra` made an array of both for each alert.
    for (name, value) in members {
      key(name)
      value.write(to: &text)
    }
    for (name, value) in extra {
      key(name)
      value.write(to: &text)
    }
    return Alert(
      prefix: text, body: JSONObject(), ruleFields: nil, at: 0, uuid: uuid, ruleID: rule.ruleID,
      severity: facts.severity, originalTime: facts.originalTimeText.flatMap { Timestamp.parse(Array($0.utf8)) })
  }

  /// Whether the members an alert adds after its source's text are each new and set once, so that writing them in
  /// order gives what setting them in a tree gives: the rule's name is not overridden (which sets a rule field
  /// again) and `extra` sets none of the others: neither those set before the copied namespaces (`@timestamp`,
  /// `event.kind`, `kibana.alert.original_*`), a rule field, one of `members`, nor one of its own twice.
  private static func writesAlertMembers(
    rule: DetectionRule, facts: SourceFacts, members: [(String, JSONValue)], extra: [(String, JSONValue)]
  ) -> Bool {
    facts.ruleName == rule.name
      && extra.enumerated().allSatisfy { position, member in
        let key = member.0
        return key != "@timestamp" && key != "event.kind" && !key.hasPrefix("kibana.alert.original_")
          && !RuleAlertFields.isFieldKey(key) && !members.contains { $0.0 == key }
          && !extra[..<position].contains { $0.0 == key }
      }
  }

  /// What an event alert reads of its cleaned source (`lookup` reads it by path).
  private struct SourceFacts {
    var originalTimeText: String?
    var severity: RuleSeverity
    var riskScore: Int
    var ruleName: String
    var reason: String

    /// Borrows the rule: an initializer owns its arguments by default, and passing the rule copied its fields.
    /// - Parameter fieldText: a field's values as the reason shows them (``AlertFieldText/joined(_:)`` of `lookup`'s
    ///   value; the tape reads them without making the value, ``AlertSourceTape/joinedText(atPath:)``).
    init(
      rule: borrowing DetectionRule, originalTimeText: String?, lookup: (String) -> JSONValue?,
      fieldText: (String) -> String?
    ) {
      self.originalTimeText = originalTimeText
      severity = mappedSeverity(rule, lookup: lookup)
      riskScore = mappedRiskScore(rule, lookup: lookup)
      ruleName = overriddenName(rule, lookup: lookup)
      reason = AlertReason.text(severity: severity.rawValue, ruleName: ruleName, fieldText: fieldText)
    }
  }

  /// Adds to `document` (the cleaned source, or the members after `prefix` when the source's members are there as
  /// text) the members Kibana adds to an event alert, `members` (``alertMembers(rule:index:id:uuid:time:facts:)``)
  /// among them, and makes the alert.
  private static func assemble(
    _ document: inout JSONObject, copied: [(String, JSONValue)], prefix: [UInt8] = [], prefixHasTimestamp: Bool = false,
    rule: DetectionRule, fields: RuleAlertFields, uuid: String, alertTimeText: String, members: [(String, JSONValue)],
    extra: [(String, JSONValue)], facts: SourceFacts
  ) -> Alert {
    // The source's members, the copied namespaces, the rule's fields and the alert's own (below; 20 at most).
    document.reserveCapacity(document.count + copied.count + fields.members.count + extra.count + 20)
    if !prefixHasTimestamp { document["@timestamp"] = .string(alertTimeText) }
    document["event.kind"] = .string("signal")
    if let originalTimeText = facts.originalTimeText {
      document["kibana.alert.original_time"] = .string(originalTimeText)
    }
    for (key, value) in copied { document[key] = value }
    // The rule's fields are written from the rule's JSON text, unless a member of theirs is set otherwise: by a
    // flattened key of the source, an override of the rule's name or an extra member.
    let splicesRuleFields =
      facts.ruleName == rule.name && !document.keys.contains(where: RuleAlertFields.isFieldKey)
      && !extra.contains { RuleAlertFields.isFieldKey($0.0) }
    let ruleFieldsAt = document.count
    if !splicesRuleFields {
      for (key, value) in fields.members { document[key] = value }
    }
    if facts.ruleName != rule.name { document["kibana.alert.rule.name"] = .string(facts.ruleName) }
    for (key, value) in members { document[key] = value }
    for (key, value) in extra { document[key] = value }
    let originalTime = facts.originalTimeText.flatMap { Timestamp.parse(Array($0.utf8)) }
    return Alert(
      prefix: prefix, body: document, ruleFields: splicesRuleFields ? fields : nil, at: ruleFieldsAt, uuid: uuid,
      ruleID: rule.ruleID, severity: facts.severity, originalTime: originalTime)
  }

  /// The members Kibana adds to an event alert after the rule's fields, in order.
  private static func alertMembers(
    rule: DetectionRule, index: String?, id: String, uuid: String, time: String, facts: SourceFacts
  ) -> [(String, JSONValue)] {
    let time = JSONValue.string(time)
    let ancestor = JSONObject([
      ("id", .string(id)), ("type", .string("event")), ("index", .string(index ?? "")), ("depth", .int(0)),
    ])
    var members: [(String, JSONValue)] = [
      ("kibana.alert.uuid", .string(uuid)),
      ("kibana.alert.status", .string("active")),
      ("kibana.alert.workflow_status", .string("open")),
      ("kibana.alert.workflow_tags", .array([])),
      ("kibana.alert.workflow_assignee_ids", .array([])),
      ("kibana.alert.depth", .int(1)),
      ("kibana.alert.ancestors", .array([.object(ancestor)])),
      ("kibana.alert.severity", .string(facts.severity.rawValue)),
      ("kibana.alert.risk_score", .int(facts.riskScore)),
      ("kibana.alert.reason", .string(facts.reason)),
      ("kibana.alert.start", time),
      ("kibana.alert.last_detected", time),
      ("kibana.space_ids", .array([.string("default")])),
    ]
    if let type = rule.buildingBlockType { members.append(("kibana.alert.building_block_type", .string(type))) }
    return members
  }

  /// The document without empty objects and arrays, at any depth (an object or array left empty by the removal goes
  /// too), as Kibana cleans a source before copying it into an alert.
  static func removingEmptyValues(_ object: JSONObject) -> JSONObject {
    // Events rarely hold an empty object or array: most documents are kept as they are, not rebuilt.
    guard hasEmptyValues(.object(object)) else { return object }
    var result = JSONObject()
    object.forEachMember { key, value in
      if let kept = removingEmptyValues(value) { result[key] = kept }
    }
    return result
  }

  private static func hasEmptyValues(_ value: JSONValue) -> Bool {
    switch value {
    case .object(let object):
      var found = object.isEmpty
      object.forEachMember { _, member in found = found || hasEmptyValues(member) }
      return found
    case .array(let items): return items.isEmpty || items.contains(where: hasEmptyValues)
    default: return false
    }
  }

  private static func removingEmptyValues(_ value: JSONValue) -> JSONValue? {
    switch value {
    case .object(let object):
      let cleaned = removingEmptyValues(object)
      return cleaned.isEmpty ? nil : .object(cleaned)
    case .array(let items):
      let cleaned = items.compactMap(removingEmptyValues)
      return cleaned.isEmpty ? nil : .array(cleaned)
    default:
      return value
    }
  }

  /// `event.*` flattened to `kibana.alert.original_event.*`, `data_stream.*` to `kibana.alert.original_data_stream.*`.
  static func copiedNamespaces(of document: JSONObject) -> [(String, JSONValue)] {
    var copied: [(String, JSONValue)] = []
    for (namespace, target) in [
      ("event", "kibana.alert.original_event"), ("data_stream", "kibana.alert.original_data_stream"),
    ] {
      document.forEachMember { key, value in
        if key == namespace, case .object(let object) = value {
          flatten(object, prefix: target, into: &copied)
        } else if key.hasPrefix(namespace + ".") {
          copied.append((target + key.dropFirst(namespace.count), value))
        }
      }
    }
    return copied
  }

  private static func flatten(_ object: JSONObject, prefix: String, into out: inout [(String, JSONValue)]) {
    object.forEachMember { key, value in
      if case .object(let inner) = value {
        flatten(inner, prefix: "\(prefix).\(key)", into: &out)
      } else {
        out.append(("\(prefix).\(key)", value))
      }
    }
  }

  private static func removeEventKind(from document: inout JSONObject) {
    document["event.kind"] = nil
    if case .object(var event)? = document["event"] {
      event["kind"] = nil
      document["event"] = .object(event)
    }
  }

  /// `severity_mapping`: entries sorted low to critical, the last that matches wins.
  static func mappedSeverity(_ rule: DetectionRule, lookup: (String) -> JSONValue?) -> RuleSeverity {
    var severity = rule.severity
    for mapping in rule.severityMapping.enumerated().sorted(by: {
      ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset)
    }).map(\.element) {
      guard let value = lookup(mapping.field) else { continue }
      let values = AlertFieldText.values(value)
      let matches =
        mapping.field == "event.severity"
        ? values.contains { Int($0) != nil && Int($0) == Int(mapping.value) }
        : values.contains(mapping.value)
      if matches { severity = mapping.severity }
    }
    return severity
  }

  /// `risk_score_mapping`: the first entry's field, the largest value in 0…100.
  static func mappedRiskScore(_ rule: DetectionRule, lookup: (String) -> JSONValue?) -> Int {
    guard let mapping = rule.riskScoreMapping.first, let value = lookup(mapping.field) else {
      return rule.riskScore
    }
    let scores = AlertFieldText.values(value).compactMap(Double.init).filter { (0...100).contains($0) }
    return scores.max().map { Int($0) } ?? rule.riskScore
  }

  /// `rule_name_override`: a string value of the field names the alert's rule.
  static func overriddenName(_ rule: DetectionRule, lookup: (String) -> JSONValue?) -> String {
    guard let field = rule.ruleNameOverride, case .string(let name)? = lookup(field) else {
      return rule.name
    }
    return name
  }
}
