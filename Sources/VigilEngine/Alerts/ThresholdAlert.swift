import Crypto
import VigilEvents

/// The alert of a threshold bucket: its source is synthetic, as in Kibana — the bucket's latest time as
/// `@timestamp`, the group-by values as flat dotted keys, and `kibana.alert.threshold_result`.
enum ThresholdAlert {
  /// - Parameter alertTime: the alert's `@timestamp` (replay: the run time); by default the bucket's latest time.
  static func build(_ compiled: CompiledRule, crossing: ThresholdTracker.Crossing, alertTime: Int64? = nil) -> Alert {
    let rule = compiled.rule
    let fieldNames = rule.threshold?.fields ?? []
    var source = JSONObject()
    source["@timestamp"] = .string(Timestamp.iso8601(nanoseconds: crossing.last))
    for (name, value) in zip(fieldNames, crossing.key) { source[name] = .string(value) }
    var result = JSONObject()
    result["terms"] = .array(zip(fieldNames, crossing.key).map { name, value in
      .object(JSONObject([("field", .string(name)), ("value", .string(value))]))
    })
    result["count"] = .int(crossing.count)
    result["from"] = .string(Timestamp.iso8601(nanoseconds: crossing.first))
    if let cardinality = rule.threshold?.cardinality.first, let distinct = crossing.distinct {
      result["cardinality"] = .array([.object(JSONObject([("field", .string(cardinality.field)), ("value", .int(distinct))]))])
    }
    let id = SourceDocument.hex(SHA256.hash(data: Array(
      (rule.ruleID + "\u{0}" + crossing.key.joined(separator: ",") + "\u{0}" + String(crossing.last)).utf8)))
    return AlertBuilder.eventAlert(
      rule: rule, fields: compiled.alertFields, document: source, index: rule.index.joined(separator: ","), id: id,
      alertTime: alertTime ?? crossing.last, extra: [("kibana.alert.threshold_result", .object(result))])
  }
}
