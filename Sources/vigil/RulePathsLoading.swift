import ArgumentParser
import VigilEngine
import VigilRules

/// Shared by the `rules` commands: expand paths into rule files and load them, reporting paths that do not exist
/// (a usage error) and folders without rules (an input error).
struct LoadedRulePaths {
  /// The files, checked, with the queries the check parsed (for ``CompiledRuleSet/init(checked:exceptions:now:hasThreatIndicators:)``).
  var checked: [CheckedRuleFile]
  var problems: [RulePathDiscovery.Problem]

  var files: [RuleFile] { checked.map(\.file) }

  /// Loads every rule under `paths`; exits with status 2 when a path does not exist.
  static func load(_ paths: [String]) throws -> LoadedRulePaths {
    let discovery = RulePathDiscovery(paths: paths)
    for problem in discovery.problems {
      StandardStreams.writeError(problem.description)
    }
    if discovery.problems.contains(where: { if case .missing = $0 { true } else { false } }) {
      throw ExitCode(ExitStatus.usage)
    }
    let checked = RuleLoader.load(paths: discovery.files, then: RuleCheck.check)
    return LoadedRulePaths(checked: checked, problems: discovery.problems)
  }

  /// Prints each error of the files that failed to load (one line each), for commands that go on without them.
  func reportErrors() {
    for file in checked.map(\.file) where file.hasErrors {
      for diagnostic in file.diagnostics where diagnostic.severity == .error {
        StandardStreams.writeError(VigilSyntaxRendering.line(diagnostic, in: file))
      }
    }
  }

  /// Whether any file or folder had an error.
  var hasErrors: Bool { !problems.isEmpty || checked.contains(where: \.file.hasErrors) }
}
