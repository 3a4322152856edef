import ArgumentParser
import Foundation
import VigilRules
import VigilSyntax

/// `vigil rules list PATH...`: a table of rules, with filters.
struct RulesListCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List detection rules as a table: name, type, language, severity, risk score, tactics, OS.",
    discussion: """
      Folders are searched recursively for *.toml files. Filters of different kinds must all hold; a filter \
      given more than once matches any of its values. Files that fail to load are reported on stderr and left \
      out; the exit status is then 1.

      Examples:
        vigil rules list Examples/rules
        vigil rules list rules/ --type eql --tag "OS: Linux" --tactic Execution
        vigil rules list rules/ --language kql --format json
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Argument(help: "Rule files or folders.")
  var paths: [String]

  @Option(name: .customLong("type"), help: "Keep rules of this type (query, eql, esql, new_terms, threshold, …).")
  var types: [String] = []

  @Option(name: .customLong("language"), help: "Keep rules in this language (kuery or kql, eql, esql, lucene).")
  var languages: [String] = []

  @Option(name: .customLong("tag"), help: "Keep rules with this tag, e.g. \"OS: Linux\" (case-insensitive).")
  var tags: [String] = []

  @Option(name: .customLong("tactic"), help: "Keep rules mapped to this ATT&CK tactic, by name or id (TA0002).")
  var tactics: [String] = []

  @Option(help: "Output format: table, or json (one object per rule and line).")
  var format: Format = .table

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one rule file or folder") }
    for type in types where RuleType(rawValue: type) == nil {
      throw ValidationError(
        "unknown rule type '\(type)'; expected one of \(RuleType.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    for language in languages where Self.language(named: language) == nil {
      throw ValidationError("unknown language '\(language)'; expected kuery (or kql), eql, esql or lucene")
    }
  }

  static func language(named name: String) -> QueryLanguage? {
    name.lowercased() == "kql" ? .kuery : QueryLanguage(rawValue: name.lowercased())
  }

  func run() async throws {
    let loaded = try LoadedRulePaths.load(paths)
    defer { KeptUntilExit.keep(loaded) }
    loaded.reportErrors()
    let rules = loaded.files.compactMap { $0.hasErrors ? nil : $0.rule }.filter(matches)
    switch format {
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      for rule in rules { print(String(decoding: try encoder.encode(RuleSummary(rule)), as: UTF8.self)) }
    case .table:
      print(table(rules).render(width: StandardStreams.terminalWidth))
      StandardStreams.writeError("\(rules.count) of \(loaded.files.count) rules shown.")
    }
    if loaded.hasErrors { throw ExitCode(ExitStatus.inputErrors) }
  }

  private func matches(_ rule: DetectionRule) -> Bool {
    if !types.isEmpty, !types.contains(rule.type.rawValue) { return false }
    if !languages.isEmpty {
      guard let language = rule.language, languages.contains(where: { Self.language(named: $0) == language }) else {
        return false
      }
    }
    if !tags.isEmpty {
      let ruleTags = Set(rule.tags.map { $0.lowercased() })
      if !tags.contains(where: { ruleTags.contains($0.lowercased()) }) { return false }
    }
    if !tactics.isEmpty {
      let ruleTactics = Set(rule.threat.flatMap { [$0.tactic.name.lowercased(), $0.tactic.id.lowercased()] })
      if !tactics.contains(where: { ruleTactics.contains($0.lowercased()) }) { return false }
    }
    return true
  }

  private func table(_ rules: [DetectionRule]) -> TextTable {
    var table = TextTable([
      .init(title: "NAME", shrinkable: true), .init(title: "TYPE"), .init(title: "LANGUAGE"),
      .init(title: "SEVERITY"), .init(title: "RISK", alignRight: true), .init(title: "TACTICS", shrinkable: true),
      .init(title: "OS"),
    ])
    for rule in rules {
      table.append([
        rule.name + (rule.isBuildingBlock ? " [BBR]" : ""), rule.type.rawValue, rule.language?.displayName ?? "-",
        rule.severity.rawValue, String(rule.riskScore), rule.tacticNames.joined(separator: ", "),
        rule.operatingSystems.joined(separator: ", "),
      ])
    }
    return table
  }
}

/// One line of `vigil rules list --format json`.
struct RuleSummary: Encodable {
  var rule_id: String
  var name: String
  var type: String
  var language: String?
  var severity: String
  var risk_score: Int
  var tactics: [String]
  var os: [String]
  var building_block: Bool
  var tags: [String]

  init(_ rule: DetectionRule) {
    rule_id = rule.ruleID
    name = rule.name
    type = rule.type.rawValue
    language = rule.language?.rawValue
    severity = rule.severity.rawValue
    risk_score = rule.riskScore
    tactics = rule.tacticNames
    os = rule.operatingSystems
    building_block = rule.isBuildingBlock
    tags = rule.tags
  }
}
