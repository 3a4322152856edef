import Crypto
import VigilEvents
import VigilRules

/// The alerts of a completed EQL sequence, as Kibana builds them: one building-block alert per event (no severity,
/// risk or name overrides; `kibana.alert.group.index` its position) and a shell alert whose source is what all the
/// events have in common, all sharing the shell's id as `kibana.alert.group.id`.
enum SequenceAlerts {
  static func build(_ compiled: CompiledRule, events: [SourceDocument], alertTime: Int64) -> [Alert] {
    let rule = compiled.rule
    var plain = rule
    plain.severityMapping = []
    plain.riskScoreMapping = []
    plain.ruleNameOverride = nil
    plain.buildingBlockType = "default"
    // Each event's id once: a source without `_id` is hashed for it, and the blocks and the shell's ancestors read it
    // again.
    let events = events.map { event in
      var known = event
      known.documentID = event.id
      return known
    }
    let ancestry = events.map { $0.id + ($0.index ?? "") }.joined() + compiled.alertFields.ruleUUID
    let shellID = SourceDocument.hex(SHA256.hash(data: Array(ancestry.utf8)))
    var blocks: [Alert] = []
    for (position, event) in events.enumerated() {
      blocks.append(
        AlertBuilder.eventAlert(
          rule: plain, fields: compiled.alertFields, source: event, alertTime: alertTime,
          extra: [("kibana.alert.group.id", .string(shellID)), ("kibana.alert.group.index", .int(position))],
          uuid: SourceDocument.hex(SHA256.hash(data: Array((ancestry + String(position)).utf8)))))
    }
    let common = intersection(events.map { JSONValue.parse($0.bytes)?.object ?? JSONObject() })
    // The shell takes the rule's own severity, risk score and name, without mappings or overrides (§5.3), but keeps
    // the rule's building-block type.
    var shellRule = plain
    shellRule.buildingBlockType = rule.buildingBlockType
    var shell = AlertBuilder.eventAlert(
      rule: shellRule, fields: compiled.alertFields, document: common, index: "", id: shellID, uuid: shellID,
      alertTime: alertTime, extra: [("kibana.alert.group.id", .string(shellID))])
    shell[member: "kibana.alert.depth"] = .int(2)
    shell[member: "kibana.alert.ancestors"] = .array(
      zip(events, blocks).flatMap { event, block in
        [
          JSONValue.object(
            JSONObject([
              ("id", .string(event.id)), ("type", .string("event")),
              ("index", .string(event.index ?? "")), ("depth", .int(0)),
            ])),
          JSONValue.object(
            JSONObject([
              ("id", .string(block.uuid)), ("type", .string("signal")),
              ("index", .string("")), ("depth", .int(1)), ("rule", .string(compiled.alertFields.ruleUUID)),
            ])),
        ]
      })
    // Kibana quirk: the shell's original time is its first building block's @timestamp, which is the alert time
    // (written here rather than read back from the block, whose source members are text).
    if !blocks.isEmpty {
      shell[member: "kibana.alert.original_time"] = .string(Timestamp.iso8601(nanoseconds: alertTime))
    }
    return blocks + [shell]
  }

  /// What every document has in common: keys present in all with equal values, objects intersected recursively,
  /// arrays reduced to the values in all of them.
  static func intersection(_ documents: [JSONObject]) -> JSONObject {
    guard var result = documents.first else { return JSONObject() }
    for document in documents.dropFirst() { result = intersect(result, document) }
    return result
  }

  private static func intersect(_ left: JSONObject, _ right: JSONObject) -> JSONObject {
    var result = JSONObject()
    // Events of one sequence share most of their members: room for all at once, not grown member by member.
    result.reserveCapacity(left.count)
    left.forEachMember { key, value in
      guard let other = right[key] else { return }
      switch (value, other) {
      case (.object(let a), .object(let b)):
        let inner = intersect(a, b)
        if !inner.isEmpty { result[key] = .object(inner) }
      case (.array(let a), .array(let b)):
        let shared = a.filter { b.contains($0) }
        if !shared.isEmpty { result[key] = .array(shared) }
      default:
        if value == other { result[key] = value }
      }
    }
    return result
  }
}
