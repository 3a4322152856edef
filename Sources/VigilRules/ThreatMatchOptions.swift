/// The indicator-match settings of a `threat_match` rule.
public struct ThreatMatchOptions: Hashable, Sendable {
  /// One `entries` item of `threat_mapping`: a source field equal to an indicator field.
  public struct MappingEntry: Hashable, Sendable {
    public var field: String
    /// Always `mapping` in the corpus; kept for Kibana's other entry types.
    public var type: String
    public var value: String
    /// Kibana 8.16+ negated entries ("does not match").
    public var negate: Bool

    public init(field: String, type: String, value: String, negate: Bool = false) {
      self.field = field
      self.type = type
      self.value = value
      self.negate = negate
    }
  }

  /// Indicator index patterns (`threat_index`).
  public var index: [String]
  /// Query selecting indicators (`threat_query`), in `language`.
  public var query: String?
  public var language: QueryLanguage?
  /// `threat_mapping`: the outer list is ORed, the entries of one item are ANDed.
  public var mapping: [[MappingEntry]]
  /// Where indicator fields live in an indicator document (`threat_indicator_path`, default `threat.indicator`).
  public var indicatorPath: String
  /// Kibana filters on the indicator query (`threat_filters`), kept as written.
  public var filters: [RuleValue]

  public init(
    index: [String], query: String?, language: QueryLanguage?, mapping: [[MappingEntry]],
    indicatorPath: String = "threat.indicator", filters: [RuleValue] = []
  ) {
    self.index = index
    self.query = query
    self.language = language
    self.mapping = mapping
    self.indicatorPath = indicatorPath
    self.filters = filters
  }
}
