import VigilEQL
import VigilESQL
import VigilKQL
import VigilQuery
import VigilRules
import VigilSyntax

/// Checks what the rule loader cannot: each rule's query, threat query and filters, parsed and checked by their
/// language's front end and lowered to the IR, with the problems placed at their line and column in the rule file.
public enum RuleCheck {
  /// The file with the query problems added to its diagnostics, in file order.
  public static func checked(_ file: RuleFile) -> RuleFile {
    guard let rule = file.rule else { return file }
    var found: [Diagnostic] = []
    var fields = FieldResolver()
    if let query = rule.query, let language = rule.language {
      found += check(query, language: language, offset: file.queryOffsets["rule.query"], fields: &fields)
    }
    if let threatMatch = rule.threatMatch {
      if let query = threatMatch.query {
        found += check(
          query, language: threatMatch.language ?? .kuery, offset: file.queryOffsets["rule.threat_query"],
          fields: &fields)
      }
      found += checkFilters(threatMatch.filters, at: file.filterRanges["rule.threat_filters"], fields: &fields)
    }
    found += checkFilters(rule.filters, at: file.filterRanges["rule.filters"], fields: &fields)
    guard !found.isEmpty else { return file }
    var checked = file
    checked.diagnostics = (file.diagnostics + found).enumerated()
      .sorted { ($0.element.range?.lowerBound ?? -1, $0.offset) < ($1.element.range?.lowerBound ?? -1, $1.offset) }
      .map(\.element)
    return checked
  }

  /// Diagnostics of one query, moved from query offsets to file offsets (when the query's place is known).
  static func check(_ text: String, language: QueryLanguage, offset: Int?, fields: inout FieldResolver) -> [Diagnostic] {
    var diagnostics: [Diagnostic]
    switch language {
    case .kuery:
      let parsed = KQLParser.parse(text)
      diagnostics = parsed.diagnostics
      if let query = parsed.query {
        diagnostics += KQLChecker.check(query)
        // Date math is resolved at run time; any instant will do to check that it resolves.
        diagnostics += KQLLowering.lower(query, fields: &fields, now: 0).diagnostics
      }
    case .esql:
      diagnostics = ESQLParser.parse(text).diagnostics
    case .eql:
      diagnostics = EQLParser.parse(text).diagnostics
    case .lucene:
      diagnostics = []
    }
    guard let offset else { return diagnostics.map { $0.withoutRange() } }
    return diagnostics.map { $0.shifted(by: offset) }
  }

  static func checkFilters(_ filters: [RuleValue], at range: Range<Int>?, fields: inout FieldResolver) -> [Diagnostic] {
    guard !filters.isEmpty else { return [] }
    return KibanaFilterLowering.lower(filters, fields: &fields).diagnostics.map { diagnostic in
      var placed = diagnostic
      placed.range = range
      return placed
    }
  }
}

extension Diagnostic {
  func withoutRange() -> Diagnostic {
    var copy = self
    copy.range = nil
    return copy
  }
}
