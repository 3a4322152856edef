import ArgumentParser
import Foundation
import VigilEvents
import VigilIO
import VigilKQL
import VigilQuery
import VigilSyntax

/// `vigil query --language kql QUERY [FILE...]`: the events a query matches.
struct QueryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Print the events a KQL query matches, as NDJSON (their original text).",
    discussion: """
      Matching follows Elasticsearch: each field's type (from the ECS and Elastic Defend schema) decides how a \
      value matches: keyword fields exactly and case-sensitively, `*` wildcards as Elasticsearch wildcard \
      queries, text fields by analysed words, numbers, dates and booleans by value. Fields the schema does not \
      know match by the JSON type of each value. A missing or null field never matches; an array matches when \
      any element does, and `not` means no element does. Date math such as now-1d is relative to the current \
      time.

      Input is NDJSON, a JSON array or an Elasticsearch _search response, plain or gzip; folders are read \
      recursively; with no file, or `-`, events are read from standard input. Malformed documents are reported \
      on stderr with their file and line and skipped (--strict stops at the first).

      Examples:
        vigil query --language kql 'process.name:(nc or ncat) and process.args:"-U"' Examples/events
        zcat events.ndjson.gz | vigil query --language kql --count 'event.category:process'
      """
  )

  enum Language: String, ExpressibleByArgument, CaseIterable {
    case kql, eql, esql
  }

  @Option(help: "The query language: kql (eql and esql come with their engines).")
  var language: Language

  @Flag(help: "Print only the number of matching events.")
  var count = false

  @Flag(help: "Stop at the first malformed document or unreadable input.")
  var strict = false

  @Argument(help: "The query.")
  var query: String

  @Argument(help: "Event files or folders (.gz too); standard input when none or -.")
  var inputs: [String] = []

  func run() async throws {
    if language == .esql { return try await runESQL() }
    guard language == .kql else {
      StandardStreams.writeError("error: --language \(language.rawValue) is not supported yet; use kql")
      throw ExitCode(ExitStatus.usage)
    }
    let program = try compileKQL()
    var reporter = BadInputReporter(strict: strict)
    let output = OutputWriter()
    var matches = 0
    do {
      let sources = try EventSource.resolve(inputs.isEmpty ? ["-"] : inputs, reporter: &reporter)
      let reader = EventReader(decoder: EventDecoder(catalog: program.catalog), reporter: reporter)
      defer { reporter = reader.reporter }
      try reader.read(sources) { event in
        guard program.predicate.evaluate(event) else { return }
        matches += 1
        if !count { output.writeLine(event.bytes) }
      }
    } catch let error as InputError {
      output.flush()
      BadInputReporter.printError(error.message)
      throw ExitCode(ExitStatus.inputErrors)
    }
    if count { output.writeLine(String(matches)) }
    output.flush()
    if let summary = reporter.summary { BadInputReporter.printError(summary) }
    if reporter.hasProblems { throw ExitCode(ExitStatus.inputErrors) }
  }

  /// The compiled query and the fields it reads.
  struct Compiled {
    var predicate: PredicateProgram
    var catalog: FieldCatalog
  }

  private func compileKQL() throws -> Compiled {
    let source = SourceText(name: "<query>", text: query)
    let renderer = DiagnosticRenderer()
    let parsed = KQLParser.parse(query)
    var diagnostics = parsed.diagnostics
    var fields = FieldResolver()
    var predicate = Predicate.never
    if let tree = parsed.query {
      let now = Int64(Date().timeIntervalSince1970 * 1e9)
      let lowered = KQLLowering.lower(tree, fields: &fields, now: now)
      diagnostics += lowered.diagnostics
      predicate = lowered.predicate
    }
    for diagnostic in diagnostics { StandardStreams.writeError(renderer.render(diagnostic, in: source)) }
    if diagnostics.hasErrors { throw ExitCode(ExitStatus.usage) }
    return Compiled(predicate: PredicateProgram(predicate), catalog: fields.catalog)
  }
}
