import VigilRules

/// One alert, as Kibana would write it to its alerts index.
public struct Alert: Sendable {
  /// The alert document: the source event's fields plus the flat `kibana.alert.*` fields.
  public var document: JSONObject
  /// `kibana.alert.uuid`, deterministic: the same rule and event always give the same id.
  public var uuid: String
  public var ruleID: String
  /// The severity after `severity_mapping`.
  public var severity: RuleSeverity
  /// `kibana.alert.original_time` in nanoseconds, when the source has a valid `@timestamp`.
  public var originalTime: Int64?

  /// The document as one line of JSON.
  public var jsonLine: [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(16_384)
    JSONValue.object(document).write(to: &out)
    return out
  }
}
