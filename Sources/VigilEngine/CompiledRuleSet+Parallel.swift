import VigilEvents
import VigilQuery
import VigilRules

/// A rule file compiled, or why it does not run.
enum RuleOutcome: Sendable {
  case compiled(CompiledRule, threatIntel: ThreatIntel?)
  case skipped(SkippedRule)
}

extension CompiledRuleSet {
  /// Compiles `files` on every core with the field ids a one-by-one compilation would give.
  ///
  /// Field ids are interned in the order rules first bind their fields. So each file is first lowered apart, only to
  /// learn the paths it binds, in order; those lists, appended file by file to `fields`, make the catalog of a
  /// sequential compilation. Every file is then lowered again against that whole catalog, where binding finds ids
  /// instead of making them, and its predicate program is built. Queries are parsed once, and regexes compiled once
  /// (they are cached).
  static func compile(_ files: [CheckedRuleFile], in context: RuleLoweringContext, fields: FieldResolver) -> (
    outcomes: [RuleOutcome], catalog: FieldCatalog
  ) {
    let firstLowerings = files.concurrentMap { checked in
      var scratch = FieldResolver()
      var query = checked.query
      _ = lower(checked.file, query: &query, in: context, fields: &scratch)
      return (file: checked.file, query: query, paths: scratch.catalog.allPaths)
    }
    var catalog = fields.catalog
    for lowering in firstLowerings {
      for path in lowering.paths { catalog.intern(path) }
    }
    let complete = catalog
    let outcomes = firstLowerings.concurrentMap { lowering -> RuleOutcome? in
      var bound = FieldResolver(catalog: complete)
      var query = lowering.query
      let outcome = compile(lowering.file, query: &query, in: context, fields: &bound)
      return bound.catalog.count == complete.count ? outcome : nil
    }
    guard outcomes.allSatisfy({ $0 != nil }) else {
      // A rule bound a path its first lowering did not: compile one by one, which is right by construction.
      return compileSequentially(files, in: context, fields: fields)
    }
    return (outcomes.map { $0! }, complete)
  }

  /// Compiles `files` one after the other, all binding in `fields`.
  static func compileSequentially(
    _ files: [CheckedRuleFile], in context: RuleLoweringContext, fields: FieldResolver
  ) -> (outcomes: [RuleOutcome], catalog: FieldCatalog) {
    var fields = fields
    let outcomes = files.map { checked in
      var query = checked.query
      return compile(checked.file, query: &query, in: context, fields: &fields)
    }
    return (outcomes, fields.catalog)
  }

  /// One file lowered and its predicate program built.
  static func compile(
    _ file: RuleFile, query: inout ParsedRuleQuery?, in context: RuleLoweringContext, fields: inout FieldResolver
  ) -> RuleOutcome {
    switch lower(file, query: &query, in: context, fields: &fields) {
    case .skipped(let skipped):
      return .skipped(skipped)
    case .lowered(let lowered):
      let rule = CompiledRule(
        rule: lowered.rule, predicate: lowered.predicate.simplified(), indexPatterns: lowered.indexPatterns,
        alertFields: RuleAlertFields(lowered.rule), execution: lowered.execution,
        timestampOverride: lowered.timestampOverride)
      return .compiled(rule, threatIntel: lowered.threatIntel)
    }
  }
}
