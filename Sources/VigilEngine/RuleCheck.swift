import VigilKQL
import VigilQuery
import VigilRules
import VigilSyntax

/// Checks what the rule loader cannot: each rule's query, threat query and filters, parsed and checked by their
/// language's front end and lowered to the IR, with the problems placed at their line and column in the rule file.
public enum RuleCheck {
  /// The file with the query problems added to its diagnostics, in file order.
  public static func checked(_ file: RuleFile) -> RuleFile {
    check(file).file
  }

  /// The file with the query problems added to its diagnostics, and its query as parsed, for compiling.
  public static func check(_ file: RuleFile) -> CheckedRuleFile {
    guard let rule = file.rule else { return CheckedRuleFile(file: file) }
    var found: [Diagnostic] = []
    var fields = FieldResolver()
    var parsed = ParsedRuleQuery.none
    if let query = rule.query, let language = rule.language {
      let checked = check(query, language: language, offset: file.queryOffsets["rule.query"], fields: &fields)
      found += checked.diagnostics
      parsed = checked.parsed
    }
    if let threatMatch = rule.threatMatch {
      if let query = threatMatch.query {
        found +=
          check(
            query, language: threatMatch.language ?? .kuery, offset: file.queryOffsets["rule.threat_query"],
            fields: &fields
          ).diagnostics
      }
      found += checkFilters(threatMatch.filters, at: file.filterRanges["rule.threat_filters"], fields: &fields)
    }
    found += checkFilters(rule.filters, at: file.filterRanges["rule.filters"], fields: &fields)
    guard !found.isEmpty else { return CheckedRuleFile(file: file, query: parsed) }
    var checked = file
    checked.diagnostics = (file.diagnostics + found).enumerated()
      .sorted { ($0.element.range?.lowerBound ?? -1, $0.offset) < ($1.element.range?.lowerBound ?? -1, $1.offset) }
      .map(\.element)
    return CheckedRuleFile(file: checked, query: parsed)
  }

  /// Diagnostics of one query, moved from query offsets to file offsets (when the query's place is known), and the
  /// query as parsed.
  static func check(_ text: String, language: QueryLanguage, offset: Int?, fields: inout FieldResolver) -> (
    diagnostics: [Diagnostic], parsed: ParsedRuleQuery
  ) {
    let (parsed, parseDiagnostics) = ParsedRuleQuery.parse(text, language: language)
    var diagnostics = parseDiagnostics
    if case .kuery(let query?) = parsed {
      diagnostics += KQLChecker.check(query)
      // Date math is resolved at run time; any instant will do to check that it resolves.
      diagnostics += KQLLowering.lower(query, fields: &fields, now: 0).diagnostics
    }
    if case .lucene(let query?) = parsed {
      diagnostics += LuceneLowering.lower(query, fields: &fields, now: 0).diagnostics
    }
    guard let offset else { return (diagnostics.map { $0.withoutRange() }, parsed) }
    return (diagnostics.map { $0.shifted(by: offset) }, parsed)
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

/// A rule file after ``RuleCheck``, with its query parsed once for both the check and the compile.
public struct CheckedRuleFile: Sendable {
  public var file: RuleFile
  /// The rule's query as its front end parsed it; `nil` when the file was not checked.
  let query: ParsedRuleQuery?

  /// A file not checked: its query is parsed when it is compiled.
  public init(file: RuleFile) {
    self.file = file
    query = nil
  }

  init(file: RuleFile, query: ParsedRuleQuery) {
    self.file = file
    self.query = query
  }
}
