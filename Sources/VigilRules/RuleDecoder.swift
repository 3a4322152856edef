import VigilEvents
/// Turns the TOML tree of one rule file into a ``DetectionRule``, reporting every missing key, wrong type and
/// unknown enumeration value (all of them, not just the first).
struct RuleDecoder {
  var diagnostics: RuleDiagnostics

  init(diagnostics: RuleDiagnostics) {
    self.diagnostics = diagnostics
  }

  /// Decodes the whole document; `nil` when a key the model cannot do without is missing or unusable.
  mutating func decode(_ document: [String: RuleValue]) -> DetectionRule? {
    var root = TableReader(path: "", values: document)
    let metadataTable = root.table("metadata", required: true, &diagnostics)
    let ruleTable = root.table("rule", required: true, &diagnostics)
    let transform = root.table("transform", &diagnostics)?.values
    for key in root.unreadValues.keys.sorted() {
      diagnostics.warning("rule.unknown-table", "unknown top-level key '\(key)' is ignored", at: key)
    }
    let metadata = metadataTable.map { decodeMetadata($0) }
    guard var rule = ruleTable, let metadata else { return nil }
    return decodeRule(&rule, metadata: metadata, transform: transform)
  }

  private mutating func decodeMetadata(_ table: TableReader) -> RuleMetadata {
    var table = table
    let creationDate = table.string("creation_date", required: true, &diagnostics) ?? ""
    let updatedDate = table.string("updated_date", required: true, &diagnostics) ?? ""
    return RuleMetadata(
      creationDate: creationDate,
      updatedDate: updatedDate,
      maturity: table.string("maturity", &diagnostics),
      deprecationDate: table.string("deprecation_date", &diagnostics),
      integrations: table.strings("integration", acceptsSingle: true, &diagnostics) ?? [],
      minStackVersion: table.string("min_stack_version", &diagnostics),
      minStackComments: table.string("min_stack_comments", &diagnostics),
      otherKeys: table.unreadValues
    )
  }

  private mutating func decodeRule(
    _ table: inout TableReader, metadata: RuleMetadata, transform: [String: RuleValue]?
  ) -> DetectionRule? {
    let typeText = table.string("type", required: true, &diagnostics)
    var type: RuleType?
    if let typeText {
      type = RuleType(rawValue: typeText)
      if type == nil {
        diagnostics.error(
          "rule.unknown-type",
          "unknown rule type '\(typeText)'; expected one of \(Self.list(RuleType.allCases.map(\.rawValue)))",
          at: table.keyPath("type"))
      }
    }
    let severity = enumValue(RuleSeverity.self, "severity", in: &table, required: true)
    let language = enumValue(QueryLanguage.self, "language", in: &table, required: false)
    let ruleID = table.string("rule_id", required: true, &diagnostics)
    let name = table.string("name", required: true, &diagnostics)
    let description = table.string("description", required: true, &diagnostics)
    let authors = table.strings("author", required: true, &diagnostics)
    let riskScore = table.integer("risk_score", required: true, &diagnostics)

    var rule = DetectionRule(
      metadata: metadata,
      ruleID: ruleID ?? "",
      name: name ?? "",
      type: type ?? .query,
      description: description ?? "",
      authors: authors ?? [],
      license: table.string("license", &diagnostics),
      severity: severity ?? .low,
      riskScore: riskScore ?? 0,
      tags: table.strings("tags", &diagnostics) ?? [],
      references: table.strings("references", &diagnostics) ?? [],
      falsePositives: table.strings("false_positives", &diagnostics) ?? [],
      note: table.string("note", &diagnostics),
      setup: table.string("setup", &diagnostics),
      version: table.integer("version", &diagnostics),
      enabled: table.bool("enabled", &diagnostics),
      language: language,
      query: table.string("query", &diagnostics),
      index: table.strings("index", &diagnostics) ?? [],
      dataViewID: table.string("data_view_id", &diagnostics),
      filters: table.rawArray("filters", &diagnostics) ?? [],
      schedule: decodeSchedule(&table),
      timestampOverride: table.string("timestamp_override", &diagnostics),
      timestampOverrideFallbackDisabled: table.bool("timestamp_override_fallback_disabled", &diagnostics) ?? false,
      eventCategoryOverride: table.string("event_category_override", &diagnostics),
      tiebreakerField: table.string("tiebreaker_field", &diagnostics),
      timestampField: table.string("timestamp_field", &diagnostics),
      newTerms: decodeNewTerms(&table, required: type == .newTerms),
      threshold: decodeThreshold(&table, required: type == .threshold),
      threatMatch: decodeThreatMatch(&table, required: type == .threatMatch),
      machineLearning: decodeMachineLearning(&table, required: type == .machineLearning),
      buildingBlockType: table.string("building_block_type", &diagnostics),
      threat: decodeThreat(&table),
      alertSuppression: decodeAlertSuppression(&table),
      exceptionsList: decodeExceptionsList(&table),
      severityMapping: decodeSeverityMapping(&table),
      riskScoreMapping: decodeRiskScoreMapping(&table),
      ruleNameOverride: table.string("rule_name_override", &diagnostics),
      investigationFields: table.table("investigation_fields", &diagnostics).flatMap { investigation in
        var investigation = investigation
        return investigation.strings("field_names", required: true, &diagnostics)
      } ?? [],
      requiredFields: decodeRequiredFields(&table),
      relatedIntegrations: decodeRelatedIntegrations(&table),
      timelineID: table.string("timeline_id", &diagnostics),
      timelineTitle: table.string("timeline_title", &diagnostics),
      otherKeys: [:],
      transform: transform
    )
    rule.otherKeys = table.unreadValues
    guard type != nil, ruleID != nil, name != nil else { return nil }
    return rule
  }

  private mutating func enumValue<Value: RawRepresentable & CaseIterable>(
    _: Value.Type, _ key: String, in table: inout TableReader, required: Bool
  ) -> Value? where Value.RawValue == String {
    guard let text = table.string(key, required: required, &diagnostics) else { return nil }
    guard let value = Value(rawValue: text) else {
      diagnostics.error(
        "rule.invalid-value",
        "invalid \(key) '\(text)'; expected one of \(Self.list(Value.allCases.map(\.rawValue)))",
        at: table.keyPath(key))
      return nil
    }
    return value
  }

  private mutating func decodeSchedule(_ table: inout TableReader) -> RuleSchedule {
    var schedule = RuleSchedule()
    if let text = table.string("interval", &diagnostics) {
      if let interval = RuleDuration.parse(text), interval.seconds > 0 {
        schedule.interval = interval
      } else {
        diagnostics.error(
          "rule.invalid-interval", "invalid interval '\(text)'; expected a number and a unit s, m, h or d, like 5m",
          at: table.keyPath("interval"))
      }
    }
    for key in ["from", "to"] {
      guard let text = table.string(key, &diagnostics) else { continue }
      guard let math = DateMath.parse(text) else {
        diagnostics.error(
          "rule.invalid-date-math", "invalid \(key) '\(text)'; expected date math relative to now, like now-6m",
          at: table.keyPath(key))
        continue
      }
      if key == "from" { schedule.from = math } else { schedule.to = math }
    }
    if let maxSignals = table.integer("max_signals", &diagnostics) {
      if maxSignals >= 1 {
        schedule.maxSignals = maxSignals
      } else {
        diagnostics.error("rule.invalid-value", "max_signals must be at least 1", at: table.keyPath("max_signals"))
      }
    }
    return schedule
  }

  private mutating func decodeNewTerms(_ table: inout TableReader, required: Bool) -> NewTermsOptions? {
    guard var options = table.table("new_terms", required: required, &diagnostics) else { return nil }
    let fields = options.strings("value", required: true, &diagnostics) ?? []
    _ = options.string("field", &diagnostics)
    if !(1...3).contains(fields.count), options.has("value") {
      diagnostics.error(
        "rule.new-terms-fields", "new_terms needs 1 to 3 fields, found \(fields.count)",
        at: options.keyPath("value"))
    }
    var start: DateMath?
    if let windows = options.tables("history_window_start", required: true, &diagnostics) {
      if var window = windows.first, let text = window.string("value", required: true, &diagnostics) {
        start = DateMath.parse(text)
        if start == nil {
          diagnostics.error(
            "rule.invalid-date-math",
            "invalid history_window_start '\(text)'; expected date math relative to now, like now-14d",
            at: window.keyPath("value"))
        }
      } else if windows.isEmpty {
        diagnostics.error(
          "rule.missing-key", "new_terms needs a history window start",
          at: options.keyPath("history_window_start"))
      }
    }
    return NewTermsOptions(
      fields: fields, historyWindowStart: start ?? DateMath(offsetSeconds: 0, rounding: nil, text: "now"))
  }

  private mutating func decodeThreshold(_ table: inout TableReader, required: Bool) -> ThresholdOptions? {
    guard var options = table.table("threshold", required: required, &diagnostics) else { return nil }
    let fields = options.strings("field", acceptsSingle: true, &diagnostics) ?? []
    let value = options.integer("value", required: true, &diagnostics) ?? 1
    if value < 1 {
      diagnostics.error("rule.invalid-value", "threshold value must be at least 1", at: options.keyPath("value"))
    }
    var cardinality: [ThresholdOptions.Cardinality] = []
    for var entry in options.tables("cardinality", &diagnostics) ?? [] {
      guard let field = entry.string("field", required: true, &diagnostics),
        let count = entry.integer("value", required: true, &diagnostics)
      else { continue }
      cardinality.append(.init(field: field, value: count))
    }
    return ThresholdOptions(fields: fields, value: value, cardinality: cardinality)
  }

  private mutating func decodeThreatMatch(_ table: inout TableReader, required: Bool) -> ThreatMatchOptions? {
    guard required || table.has("threat_mapping") || table.has("threat_index") else { return nil }
    let index = table.strings("threat_index", required: required, &diagnostics) ?? []
    let query = table.string("threat_query", &diagnostics)
    let language = enumValue(QueryLanguage.self, "threat_language", in: &table, required: query != nil)
    var mapping: [[ThreatMatchOptions.MappingEntry]] = []
    for var item in table.tables("threat_mapping", required: required, &diagnostics) ?? [] {
      var entries: [ThreatMatchOptions.MappingEntry] = []
      for var entry in item.tables("entries", required: true, &diagnostics) ?? [] {
        guard let field = entry.string("field", required: true, &diagnostics),
          let value = entry.string("value", required: true, &diagnostics)
        else { continue }
        let type = entry.string("type", &diagnostics) ?? "mapping"
        entries.append(.init(field: field, type: type, value: value, negate: entry.bool("negate", &diagnostics) ?? false))
      }
      mapping.append(entries)
    }
    return ThreatMatchOptions(
      index: index, query: query, language: language, mapping: mapping,
      indicatorPath: table.string("threat_indicator_path", &diagnostics) ?? "threat.indicator",
      filters: table.rawArray("threat_filters", &diagnostics) ?? [])
  }

  private mutating func decodeMachineLearning(_ table: inout TableReader, required: Bool) -> MachineLearningOptions? {
    guard required else { return nil }
    let jobs = table.strings("machine_learning_job_id", required: true, acceptsSingle: true, &diagnostics) ?? []
    let threshold = table.integer("anomaly_threshold", required: true, &diagnostics) ?? 0
    return MachineLearningOptions(jobIDs: jobs, anomalyThreshold: threshold)
  }

  private mutating func decodeThreat(_ table: inout TableReader) -> [ThreatMapping] {
    var result: [ThreatMapping] = []
    for var item in table.tables("threat", &diagnostics) ?? [] {
      let framework = item.string("framework", required: true, &diagnostics) ?? ""
      guard var tacticTable = item.table("tactic", required: true, &diagnostics),
        let tactic = decodeThreatEntry(&tacticTable)
      else { continue }
      var techniques: [ThreatMapping.Technique] = []
      for var techniqueTable in item.tables("technique", &diagnostics) ?? [] {
        guard let technique = decodeThreatEntry(&techniqueTable) else { continue }
        var subtechniques: [ThreatMapping.Entry] = []
        for var subtable in techniqueTable.tables("subtechnique", &diagnostics) ?? [] {
          if let sub = decodeThreatEntry(&subtable) { subtechniques.append(sub) }
        }
        techniques.append(.init(entry: technique, subtechniques: subtechniques))
      }
      result.append(ThreatMapping(framework: framework, tactic: tactic, techniques: techniques))
    }
    return result
  }

  private mutating func decodeThreatEntry(_ table: inout TableReader) -> ThreatMapping.Entry? {
    let id = table.string("id", required: true, &diagnostics)
    let name = table.string("name", required: true, &diagnostics)
    let reference = table.string("reference", required: true, &diagnostics)
    guard let id, let name, let reference else { return nil }
    return .init(id: id, name: name, reference: reference)
  }

  private mutating func decodeAlertSuppression(_ table: inout TableReader) -> AlertSuppression? {
    guard var options = table.table("alert_suppression", &diagnostics) else { return nil }
    let groupBy = options.strings("group_by", &diagnostics) ?? []
    var duration: RuleDuration?
    if var durationTable = options.table("duration", &diagnostics),
      let value = durationTable.integer("value", required: true, &diagnostics),
      let unit = durationTable.string("unit", required: true, &diagnostics)
    {
      duration = RuleDuration.parse("\(value)\(unit)", units: ["s": 1, "m": 60, "h": 3600])
      if duration == nil {
        diagnostics.error(
          "rule.invalid-value", "invalid suppression duration unit '\(unit)'; expected s, m or h",
          at: durationTable.keyPath("unit"))
      }
    }
    let strategy = enumValue(
      AlertSuppression.MissingFieldsStrategy.self, "missing_fields_strategy", in: &options, required: false)
    return AlertSuppression(groupBy: groupBy, duration: duration, missingFieldsStrategy: strategy ?? .suppress)
  }

  private mutating func decodeExceptionsList(_ table: inout TableReader) -> [ExceptionListReference] {
    (table.tables("exceptions_list", &diagnostics) ?? []).compactMap { item in
      var item = item
      guard let id = item.string("id", required: true, &diagnostics),
        let listID = item.string("list_id", required: true, &diagnostics)
      else { return nil }
      return ExceptionListReference(
        id: id, listID: listID,
        namespaceType: item.string("namespace_type", &diagnostics) ?? "single",
        type: item.string("type", &diagnostics) ?? "detection")
    }
  }

  private mutating func decodeSeverityMapping(_ table: inout TableReader) -> [SeverityMapping] {
    (table.tables("severity_mapping", &diagnostics) ?? []).compactMap { item in
      var item = item
      guard let field = item.string("field", required: true, &diagnostics),
        let severity = enumValue(RuleSeverity.self, "severity", in: &item, required: true)
      else { return nil }
      return SeverityMapping(
        field: field, operator: item.string("operator", &diagnostics) ?? "equals",
        value: item.string("value", &diagnostics) ?? "", severity: severity)
    }
  }

  private mutating func decodeRiskScoreMapping(_ table: inout TableReader) -> [RiskScoreMapping] {
    (table.tables("risk_score_mapping", &diagnostics) ?? []).compactMap { item in
      var item = item
      guard let field = item.string("field", required: true, &diagnostics) else { return nil }
      return RiskScoreMapping(
        field: field, operator: item.string("operator", &diagnostics) ?? "equals",
        value: item.string("value", &diagnostics) ?? "")
    }
  }

  private mutating func decodeRequiredFields(_ table: inout TableReader) -> [RequiredField] {
    (table.tables("required_fields", &diagnostics) ?? []).compactMap { item in
      var item = item
      guard let name = item.string("name", required: true, &diagnostics) else { return nil }
      return RequiredField(
        name: name, type: item.string("type", &diagnostics) ?? "keyword", ecs: item.bool("ecs", &diagnostics) ?? false)
    }
  }

  private mutating func decodeRelatedIntegrations(_ table: inout TableReader) -> [RelatedIntegration] {
    (table.tables("related_integrations", &diagnostics) ?? []).compactMap { item in
      var item = item
      guard let package = item.string("package", required: true, &diagnostics) else { return nil }
      return RelatedIntegration(
        package: package, version: item.string("version", &diagnostics) ?? "",
        integration: item.string("integration", &diagnostics))
    }
  }

  static func list(_ values: [String]) -> String { values.joined(separator: ", ") }
}
