import VigilEQL
import VigilESQL
import VigilKQL
import VigilQuery
import VigilRules

/// The document fields a rule reads: those of its query (as lowered, so field patterns are expanded and
/// `x.text` multi-fields read `x`), its filters, and its settings (timestamp override, new-terms and threshold
/// fields, threat mappings, suppression and override fields). The decoder reads only these.
public enum RuleFields {
  /// The dotted paths `rule` reads.
  public static func paths(of rule: DetectionRule) -> Set<String> {
    var fields = FieldResolver()
    var paths: Set<String> = ["@timestamp"]
    if let query = rule.query, let language = rule.language {
      switch language {
      case .kuery:
        if let parsed = KQLParser.parse(query).query { _ = KQLLowering.lower(parsed, fields: &fields, now: 0) }
      case .esql:
        if let parsed = ESQLParser.parse(query).query { paths.formUnion(parsed.referencedFields) }
      case .eql:
        if let parsed = EQLParser.parse(query).query {
          paths.formUnion(parsed.referencedFields)
          if parsed.filtersEventCategory { paths.insert(rule.eventCategoryOverride ?? "event.category") }
        }
      case .lucene:
        if let parsed = LuceneParser.parse(query).query { _ = LuceneLowering.lower(parsed, fields: &fields, now: 0) }
      }
    }
    _ = KibanaFilterLowering.lower(rule.filters, fields: &fields)
    paths.formUnion(fields.catalog.allPaths)
    paths.formUnion(settingsPaths(of: rule))
    return paths
  }

  /// Fields named by a rule's settings rather than its query.
  static func settingsPaths(of rule: DetectionRule) -> [String] {
    var paths: [String] = []
    paths += [rule.timestampOverride, rule.eventCategoryOverride, rule.tiebreakerField, rule.timestampField,
      rule.ruleNameOverride].compactMap { $0 }
    paths += rule.newTerms?.fields ?? []
    if let threshold = rule.threshold { paths += threshold.fields + threshold.cardinality.map(\.field) }
    paths += rule.threatMatch?.mapping.flatMap { $0.map(\.field) } ?? []
    paths += rule.alertSuppression?.groupBy ?? []
    paths += rule.severityMapping.map(\.field) + rule.riskScoreMapping.map(\.field)
    return paths
  }
}
