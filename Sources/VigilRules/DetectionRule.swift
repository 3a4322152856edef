/// One detection rule, loaded from a detection-rules TOML file: every key the rule pack uses, typed, plus the keys
/// Vigil does not model, kept as written (``otherKeys``).
public struct DetectionRule: Hashable, Sendable {
  public var metadata: RuleMetadata

  // Identity and description.
  public var ruleID: String
  public var name: String
  public var type: RuleType
  public var description: String
  public var authors: [String]
  public var license: String?
  public var severity: RuleSeverity
  public var riskScore: Int
  public var tags: [String]
  public var references: [String]
  public var falsePositives: [String]
  /// Markdown investigation guide.
  public var note: String?
  /// Markdown set-up guide.
  public var setup: String?
  public var version: Int?
  public var enabled: Bool?

  // The query.
  public var language: QueryLanguage?
  public var query: String?
  /// Index patterns the rule reads (`index`); empty for ES|QL (its `FROM` names them) and ML.
  public var index: [String]
  public var dataViewID: String?
  /// Kibana filters ANDed with the query, kept as written (`filters`).
  public var filters: [RuleValue]

  // Scheduling and time.
  public var schedule: RuleSchedule
  public var timestampOverride: String?
  public var timestampOverrideFallbackDisabled: Bool

  // EQL settings.
  public var eventCategoryOverride: String?
  public var tiebreakerField: String?
  public var timestampField: String?

  // Type-specific settings.
  public var newTerms: NewTermsOptions?
  public var threshold: ThresholdOptions?
  public var threatMatch: ThreatMatchOptions?
  public var machineLearning: MachineLearningOptions?

  // Alert shaping.
  /// `default` marks a building-block rule, whose alerts are hidden by default.
  public var buildingBlockType: String?
  public var threat: [ThreatMapping]
  public var alertSuppression: AlertSuppression?
  public var exceptionsList: [ExceptionListReference]
  public var severityMapping: [SeverityMapping]
  public var riskScoreMapping: [RiskScoreMapping]
  public var ruleNameOverride: String?
  public var investigationFields: [String]
  public var requiredFields: [RequiredField]
  public var relatedIntegrations: [RelatedIntegration]
  public var timelineID: String?
  public var timelineTitle: String?

  /// `[rule]` keys the model does not name, kept as written.
  public var otherKeys: [String: RuleValue]
  /// The `[transform]` table (osquery and investigate blocks), kept as written.
  public var transform: [String: RuleValue]?

  /// Whether the rule is a building block.
  public var isBuildingBlock: Bool { buildingBlockType != nil }

  /// Tags of the form `OS: Linux`, without the prefix.
  public var operatingSystems: [String] {
    tags.compactMap { $0.hasPrefix("OS: ") ? String($0.dropFirst(4)) : nil }
  }

  /// Tactic names of the rule's threat mappings, in order, without repeats.
  public var tacticNames: [String] {
    var seen: Set<String> = []
    return threat.map(\.tactic.name).filter { seen.insert($0).inserted }
  }
}
