import ArgumentParser

/// `vigil rules …`: load, check and inspect detection rules.
struct RulesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Load, check and inspect detection rules.",
    subcommands: [RulesValidateCommand.self, RulesListCommand.self, RulesShowCommand.self]
  )
}
