import VigilRules

/// One alert, as Kibana would write it to its alerts index.
public struct Alert: Sendable {
  /// The document's first members as JSON text (`"key":value`, comma-separated) when the alert was written from its
  /// source's text (``AlertSourceTape``), else empty; `body` holds the members after them (none, when the alert's
  /// own members were written as text too).
  private var prefix: [UInt8] = []
  /// The document's members (after `prefix`'s), but for the rule's `kibana.alert.rule.*` fields when `ruleFields`
  /// holds them: those are the same in every alert of the rule, and are written from the rule's JSON text,
  /// `ruleFieldsAt` members in.
  private var body: JSONObject
  private var ruleFields: RuleAlertFields?
  private var ruleFieldsAt = 0
  /// `kibana.alert.uuid`, deterministic: the same rule and event always give the same id.
  public var uuid: String
  public var ruleID: String
  /// The severity after `severity_mapping`.
  public var severity: RuleSeverity
  /// `kibana.alert.original_time` in nanoseconds, when the source has a valid `@timestamp`.
  public var originalTime: Int64?

  public init(document: JSONObject, uuid: String, ruleID: String, severity: RuleSeverity, originalTime: Int64?) {
    body = document
    self.uuid = uuid
    self.ruleID = ruleID
    self.severity = severity
    self.originalTime = originalTime
  }

  /// An alert whose document is the members of `prefix` (JSON text, keys `body` does not have), then `body` with
  /// the members of `ruleFields`, if given (keys `body` does not have), inserted before its member at `position`.
  init(
    prefix: [UInt8], body: JSONObject, ruleFields: RuleAlertFields?, at position: Int, uuid: String,
    ruleID: String, severity: RuleSeverity, originalTime: Int64?
  ) {
    self.init(document: body, uuid: uuid, ruleID: ruleID, severity: severity, originalTime: originalTime)
    self.prefix = prefix
    self.ruleFields = ruleFields
    ruleFieldsAt = ruleFields == nil ? 0 : position
  }

  /// The alert document: the source event's fields plus the flat `kibana.alert.*` fields.
  public var document: JSONObject {
    get {
      guard ruleFields != nil || !prefix.isEmpty else { return body }
      var document = prefixMembers
      document.reserveCapacity(document.count + body.count + (ruleFields?.members.count ?? 0))
      body.forEachMember(in: 0..<ruleFieldsAt) { document[$0] = $1 }
      for (key, value) in ruleFields?.members ?? [] { document[key] = value }
      body.forEachMember(in: ruleFieldsAt..<body.count) { document[$0] = $1 }
      return document
    }
    set {
      prefix = []
      body = newValue
      ruleFields = nil
      ruleFieldsAt = 0
    }
  }

  /// The members of `prefix`, parsed.
  private var prefixMembers: JSONObject {
    guard !prefix.isEmpty else { return JSONObject() }
    return JSONValue.parse([UInt8(ascii: "{")] + prefix + [UInt8(ascii: "}")])?.object ?? JSONObject()
  }

  /// Whether `prefix` has member `key`.
  private func prefixHas(_ key: String) -> Bool {
    !prefix.isEmpty && prefixMembers[key] != nil
  }

  /// The document's member `key`. Setting it changes ``document`` as setting `document[key]` would (a new key goes
  /// last), without making the whole document.
  public subscript(member key: String) -> JSONValue? {
    get {
      if let value = ruleFields?.value(of: key) ?? body[key] { return value }
      return prefix.isEmpty ? nil : prefixMembers[key]
    }
    set {
      if newValue == nil || ruleFields?.value(of: key) != nil || (body[key] == nil && prefixHas(key)) {
        document[key] = newValue
      } else {
        body[key] = newValue
      }
    }
  }

  /// The document as one line of JSON.
  public var jsonLine: [UInt8] {
    var out: [UInt8] = []
    // An alert written all as text needs its braces only; 16 KB was allocated (jemalloc's slower large size) for it.
    out.reserveCapacity(prefix.count + (body.isEmpty && ruleFields == nil ? 2 : 16_384))
    out.append(UInt8(ascii: "{"))
    out.append(contentsOf: prefix)
    var first = prefix.isEmpty
    guard let ruleFields else {
      JSONValue.writeMembers(of: body, in: 0..<body.count, to: &out, first: &first)
      out.append(UInt8(ascii: "}"))
      return out
    }
    JSONValue.writeMembers(of: body, in: 0..<ruleFieldsAt, to: &out, first: &first)
    let text = ruleFields.jsonText
    if !text.isEmpty {
      if !first { out.append(UInt8(ascii: ",")) }
      out.append(contentsOf: text)
      first = false
    }
    JSONValue.writeMembers(of: body, in: ruleFieldsAt..<body.count, to: &out, first: &first)
    out.append(UInt8(ascii: "}"))
    return out
  }
}
