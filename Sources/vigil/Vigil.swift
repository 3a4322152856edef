import ArgumentParser
import Foundation

/// The `vigil` command: runs Elastic Security detection rules over events, without Elasticsearch or Kibana.
@main
struct Vigil: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vigil",
    abstract: "Run Elastic Security detection rules anywhere: over event files, stdin, or a live host.",
    discussion: """
      Vigil loads detection rules in the format of github.com/elastic/detection-rules (TOML files whose queries \
      are KQL, EQL or ES|QL) and runs them over ECS events.

      Start with `vigil rules validate PATH` to check a rule pack, and `vigil rules list PATH` to see it.

      Exit codes: 0 success, 1 a problem with the input (a rule or event with errors), 2 a usage error.
      """,
    version: "0.1.0",
    subcommands: [RulesCommand.self, ScanCommand.self, WatchCommand.self, QueryCommand.self, BenchCommand.self]
  )

  /// Runs the command, mapping usage errors to exit code 2 (argument-parser's default is 64).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.usage)
      }
      exit(withError: error)
    }
  }
}

/// Vigil's exit statuses.
enum ExitStatus {
  static let success: Int32 = 0
  /// Some input (a rule file, an event line) had errors.
  static let inputErrors: Int32 = 1
  /// The command line was wrong (unknown option, missing path).
  static let usage: Int32 = 2
}
