import ArgumentParser

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
      """,
    version: "0.1.0",
    subcommands: [RulesCommand.self, BenchCommand.self]
  )
}
