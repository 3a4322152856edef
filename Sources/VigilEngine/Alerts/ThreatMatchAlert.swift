import VigilEvents
import VigilRules

/// The alert of an event that matched threat indicators: the event with `threat.enrichments` extended by one entry
/// per matched indicator and mapping entry (at most 200), as Kibana writes it.
enum ThreatMatchAlert {
  static let maximumMatches = 200

  static func build(
    _ compiled: CompiledRule, event: Event, source: SourceDocument, matches: [IndicatorIndex.Match],
    indicators: IndicatorIndex, alertTime: Int64
  ) -> Alert {
    build(compiled, source: source, matches: matches, indicators: indicators, alertTime: alertTime)
  }

  /// The alert of `source` (an event that matched `matches`), at `alertTime`.
  static func build(
    _ compiled: CompiledRule, source: SourceDocument, matches: [IndicatorIndex.Match], indicators: IndicatorIndex,
    alertTime: Int64
  ) -> Alert {
    let options = compiled.rule.threatMatch
    var document = JSONValue.parse(source.bytes)?.object ?? JSONObject()
    var enrichments: [JSONValue] = []
    if case .array(let existing)? = document.value(atPath: "threat.enrichments") { enrichments = existing }
    for match in matches.prefix(maximumMatches) {
      let indicator = indicators.indicators[match.indicator]
      let indicatorDocument = JSONValue.parse(indicator.bytes)?.object ?? JSONObject()
      var enrichment = JSONObject()
      var indicatorValue = indicatorDocument.value(atPath: options?.indicatorPath ?? "threat.indicator") ?? .object(JSONObject())
      if case .array(let items) = indicatorValue, let first = items.first { indicatorValue = first }
      enrichment["indicator"] = indicatorValue
      if let feed = indicatorDocument.value(atPath: "threat.feed.name") {
        enrichment["feed"] = .object(JSONObject([("name", feed)]))
      }
      enrichment["matched"] = .object(JSONObject([
        ("atomic", .string(match.atomic)), ("field", .string(match.eventField)), ("id", .string(indicator.id)),
        ("index", .string(indicator.index ?? "")), ("type", .string("indicator_match_rule")),
      ]))
      enrichments.append(.object(enrichment))
    }
    setEnrichments(.array(enrichments), in: &document)
    return AlertBuilder.eventAlert(
      rule: compiled.rule, fields: compiled.alertFields, document: document, index: source.index, id: source.id,
      alertTime: alertTime)
  }

  /// Puts `threat.enrichments` under the `threat` object (created if missing).
  private static func setEnrichments(_ value: JSONValue, in document: inout JSONObject) {
    document["threat.enrichments"] = nil
    var threat = document["threat"]?.object ?? JSONObject()
    threat["enrichments"] = value
    document["threat"] = .object(threat)
  }
}
