import ArgumentParser

/// `vigil bench …`: measure Vigil's stages on real input.
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure how fast Vigil processes events.",
    subcommands: [BenchParseCommand.self, BenchScanCommand.self]
  )
}
