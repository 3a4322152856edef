import ArgumentParser
import Foundation
import VigilRules
import VigilSyntax

/// `vigil rules show RULE_ID_OR_PATH`: one rule in a readable form.
struct RulesShowCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show one rule: identity, schedule, ATT&CK mapping and its query, pretty-printed.",
    discussion: """
      The rule is a path to its TOML file, or a rule_id or exact rule name looked up among the rules under \
      --rules (default: the current folder).

      Examples:
        vigil rules show Examples/rules/linux_unix_socket_connection.toml
        vigil rules show 41284ba3-ed1a-4598-bfba-a97f75d9aba2 --rules rules/
      """
  )

  @Argument(help: "A rule file, rule_id, or rule name.")
  var rule: String

  @Option(name: .customLong("rules"), help: "Where to look up a rule_id or name (repeatable; default: .).")
  var searchPaths: [String] = []

  func run() async throws {
    let file = try find()
    let renderer = DiagnosticRenderer(showsSourceLine: true)
    for diagnostic in file.diagnostics {
      StandardStreams.writeError(renderer.render(diagnostic, in: file.source))
    }
    guard let rule = file.rule else { throw ExitCode(ExitStatus.inputErrors) }
    print(RuleDescription(rule: rule, file: file).text)
    if file.hasErrors { throw ExitCode(ExitStatus.inputErrors) }
  }

  private func find() throws -> RuleFile {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: rule, isDirectory: &isFolder), !isFolder.boolValue {
      return RuleLoader.load(path: rule)
    }
    let loaded = try LoadedRulePaths.load(searchPaths.isEmpty ? ["."] : searchPaths)
    defer { KeptUntilExit.keep(loaded) }
    let wanted = rule.lowercased()
    let matches = loaded.files.filter { file in
      guard let candidate = file.rule else { return false }
      return candidate.ruleID.lowercased() == wanted || candidate.name.lowercased() == wanted
    }
    guard let first = matches.first else {
      StandardStreams.writeError("error: no rule with id or name '\(rule)' under \(searchPaths.isEmpty ? "." : searchPaths.joined(separator: ", "))")
      throw ExitCode(ExitStatus.inputErrors)
    }
    if matches.count > 1 {
      StandardStreams.writeError(
        "warning: \(matches.count) rules match '\(rule)'; showing \(first.path) (others: "
          + matches.dropFirst().map(\.path).joined(separator: ", ") + ")")
    }
    return first
  }
}
