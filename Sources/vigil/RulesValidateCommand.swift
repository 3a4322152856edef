import ArgumentParser
import Foundation
import VigilRules
import VigilSyntax

/// `vigil rules validate PATH...`: load and check rule files, reporting every problem with its line and column.
struct RulesValidateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check detection rule files and report every problem with its file, line and column.",
    discussion: """
      Loads every rule file under the given paths (folders are searched recursively for *.toml files, in sorted \
      order) and runs the checks detection-rules makes on a rule document: required keys for each rule type, \
      allowed values (type, language, severity, risk_score 0-100, building_block_type), interval and from date \
      math, new_terms and threshold settings, ATT&CK ids and references, and rule_id being a UUID. Unknown keys \
      are kept, not rejected.

      Problems print as `path:line:col: error: message`, followed by the offending line. A file with an error never \
      stops the others from loading.

      Exit status: 0 when every file loads without error (rules this build cannot run yet, such as \
      machine_learning rules, count as loaded), 1 when any file has an error or a folder holds no rules, 2 for a \
      usage error such as a path that does not exist.

      Examples:
        vigil rules validate Examples/rules
        vigil rules validate --format json rules/ | jq 'select(.status != "ok")'
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "Rule files or folders to check.")
  var paths: [String]

  @Option(help: "Output format: text (diagnostics and a summary) or json (one object per file and line).")
  var format: Format = .text

  @Flag(name: [.short, .long], help: "Print only errors and the summary, not warnings (text format).")
  var quiet = false

  func validate() throws {
    if paths.isEmpty { throw ValidationError("give at least one rule file or folder") }
  }

  func run() async throws {
    let started = Date()
    let loaded = try LoadedRulePaths.load(paths)
    defer { KeptUntilExit.keep(loaded) }
    switch format {
    case .json:
      for file in loaded.files { print(try ValidationRecord(file).jsonLine()) }
    case .text:
      printText(loaded, seconds: Date().timeIntervalSince(started))
    }
    if loaded.hasErrors { throw ExitCode(ExitStatus.inputErrors) }
  }

  private func printText(_ loaded: LoadedRulePaths, seconds: Double) {
    let renderer = DiagnosticRenderer(showsSourceLine: true)
    var counts: [RuleStatus.Kind: Int] = [:]
    var unsupportedReasons: [String: Int] = [:]
    var warnings = 0
    for file in loaded.files {
      let status = RuleStatus(file)
      counts[status.kind, default: 0] += 1
      if let reason = status.reason { unsupportedReasons[reason, default: 0] += 1 }
      warnings += file.diagnostics.filter { $0.severity == .warning }.count
      for diagnostic in file.diagnostics where !quiet || diagnostic.severity == .error {
        print(renderer.render(diagnostic, in: file.source))
      }
    }
    let errors = counts[.error, default: 0]
    var summary =
      "Checked \(loaded.files.count) rule files in \(String(format: "%.2f", seconds)) s: "
      + "\(loaded.files.count - errors) loaded, \(errors) with errors, \(warnings) warnings."
    if !unsupportedReasons.isEmpty {
      let reasons = unsupportedReasons.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        .map { "\($0.value) \($0.key)" }
      summary += "\nNot runnable in this build: " + reasons.joined(separator: "; ") + "."
    }
    print(summary)
  }
}

/// One line of `vigil rules validate --format json`.
struct ValidationRecord: Encodable {
  struct Entry: Encodable {
    var severity: String
    var line: Int?
    var column: Int?
    var message: String
    var id: String
  }

  var path: String
  var ruleID: String?
  var name: String?
  var type: String?
  var language: String?
  var status: String
  var reason: String?
  var diagnostics: [Entry]

  enum CodingKeys: String, CodingKey {
    case path, name, type, language, status, reason, diagnostics
    case ruleID = "rule_id"
  }

  init(_ file: RuleFile) {
    let status = RuleStatus(file)
    path = file.path
    ruleID = file.rule?.ruleID
    name = file.rule?.name
    type = file.rule?.type.rawValue
    language = file.rule?.language?.rawValue
    self.status = status.kind.rawValue
    reason = status.reason
    diagnostics = file.diagnostics.map { diagnostic in
      let location = file.location(of: diagnostic)
      return Entry(
        severity: diagnostic.severity.rawValue, line: location?.line, column: location?.column,
        message: diagnostic.message, id: diagnostic.id)
    }
  }

  /// Writes every key, with `null` for what a broken file lacks, so consumers see one shape.
  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(path, forKey: .path)
    try container.encode(ruleID, forKey: .ruleID)
    try container.encode(name, forKey: .name)
    try container.encode(type, forKey: .type)
    try container.encode(language, forKey: .language)
    try container.encode(status, forKey: .status)
    try container.encodeIfPresent(reason, forKey: .reason)
    try container.encode(diagnostics, forKey: .diagnostics)
  }

  func jsonLine() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
