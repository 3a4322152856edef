import ArgumentParser
import Foundation
import VigilEQL
import VigilEvents
import VigilIO
import VigilKQL
import VigilQuery
import VigilSyntax

/// `vigil query --language kql|lucene|eql|esql QUERY [FILE...]`: what a query gives over events.
struct QueryCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Print what a KQL, Lucene, EQL or ES|QL query gives over events, as NDJSON.",
    discussion: """
      Matching follows Elasticsearch: each field's type (from the ECS and Elastic Defend schema) decides how a \
      value matches: keyword fields exactly and case-sensitively, `*` wildcards as Elasticsearch wildcard \
      queries, text fields by analysed words, numbers, dates and booleans by value. Fields the schema does not \
      know match by the JSON type of each value. A missing or null field never matches; an array matches when \
      any element does, and `not` means no element does. Date math such as now-1d is relative to the current \
      time; a date with missing parts covers what is missing (`@timestamp:2024-05-02` is that whole day). A value \
      without a field (free text) is looked for in every field, each matching it by its own type.

      Lucene is Elasticsearch's query_string syntax, values matching as in KQL: `AND`, `OR`, `NOT` (upper case \
      only), `+`/`-` before a term, `?` and `*` wildcards, `/regex/` on keyword fields, ranges `[a TO b]`, \
      `{a TO b}` and `>=a`, `_exists_:field`. As in Lucene, `AND` makes the clause before it required, so mixing \
      `AND` and `OR` without parentheses rarely means what it reads.

      EQL follows Elasticsearch's EQL: `==`, `in` and `like` are case-sensitive, `:`, `in~`, `like~` and the `~` \
      functions are not; `:` and `like` take `*` and `?` wildcards, `regex` Lucene regular expressions; `!=` and \
      `not` match events without the field, as Elasticsearch's queries do; functions and arithmetic follow EQL's \
      null rules. Results come in Elasticsearch's order: by --timestamp-field (default @timestamp), then \
      --tiebreaker-field, then input order, so unsorted input is sorted first; `| head N` and `| tail N` keep the \
      first or last N, and --size caps the results as Elasticsearch's `size` does. Sequences print one line per \
      sequence, `{"join_keys": [...], "events": [...]}` with the events' original text, ordered by their first \
      event; a missing event (`![...]`) prints as {"missing": true}. Samples print the same way, one line per \
      sample, at most --max-samples-per-key (default 1) per join key value.

      ES|QL runs the query's pipeline over the events (FROM's index patterns are not applied: every input event \
      is a source document) and prints each result row as a JSON object whose keys are the column names \
      (`"host.os.type"`, `"Esql.count"`), multi-values as arrays, dates as ISO-8601 text and nulls as null. \
      Without a LIMIT, Elasticsearch's default of 1000 rows applies.

      Input is NDJSON, a JSON array or an Elasticsearch _search response, plain or gzip; folders are read \
      recursively; with no file, or `-`, events are read from standard input. Malformed documents are reported \
      on stderr with their file and line and skipped (--strict stops at the first).

      Examples:
        vigil query --language kql 'process.name:(nc or ncat) and process.args:"-U"' Examples/events
        vigil query --language lucene 'process.name:chmod AND process.args:(g+s OR /2[0-9]{3}/)' events/
        zcat events.ndjson.gz | vigil query --language kql --count 'event.category:process'
        vigil query --language eql 'process where process.name : ("nc", "ncat") and process.args == "-e"' events/
        vigil query --language esql 'from logs-* | stats n = count(*) by host.name | sort n desc' events/
      """
  )

  enum Language: String, ExpressibleByArgument, CaseIterable {
    case kql, lucene, eql, esql
  }

  @Option(help: "The query language: kql, lucene, eql or esql.")
  var language: Language

  @Option(help: "EQL: the field that holds event categories (`process where …` tests it).")
  var eventCategoryField = "event.category"

  @Option(help: "EQL: the field whose time orders events, for sequences and samples.")
  var timestampField = "@timestamp"

  @Option(help: "EQL: the field that orders events with the same time (numbers by value, else as text).")
  var tiebreakerField: String?

  @Option(help: "EQL: return at most N results (events, sequences or samples), as Elasticsearch's `size`.")
  var size: Int?

  @Option(help: "EQL: the most samples a `sample` query returns for each join key value (default 1).")
  var maxSamplesPerKey = 1

  @Option(
    help: ArgumentHelp(
      "EQL: the most partial sequences each stage of a sequence keeps (one per join key value).",
      discussion: "When a stage is full its oldest partial sequence is evicted; evictions are reported on stderr."))
  var maxPartialsPerStage = EQLSequenceMatcher.Limits.defaultMaximumPartialsPerStage

  @Flag(help: "Print only the number of matching events.")
  var count = false

  @Flag(help: "Stop at the first malformed document or unreadable input.")
  var strict = false

  @Argument(help: "The query.")
  var query: String

  @Argument(help: "Event files or folders (.gz too); standard input when none or -.")
  var inputs: [String] = []

  func run() async throws {
    let program: Compiled
    switch language {
    case .kql: program = try compileKQL()
    case .lucene: program = try compileLucene()
    case .eql: program = try compileEQL()
    case .esql: return try await runESQL()
    }
    var reporter = BadInputReporter(strict: strict)
    let output = OutputWriter()
    if let eql = program.eql {
      try runEQL(eql, program, &reporter, output)
      return
    }
    var matches = 0
    // Free text reads every field: the reader then decodes only `@timestamp`, and each document is decoded again,
    // whole, by a decoder that keeps the query's field identifiers.
    let everything =
      program.predicate.readsEveryField
      ? EventDecoder(catalog: program.catalog, decodesAllFields: true) : nil
    var full = Event()
    let catalog = everything == nil ? program.catalog : FieldCatalog()
    try EventInput.read(inputs, catalog: catalog, reporter: &reporter, beforeFailing: output.flush) { event in
      if let everything {
        let decoded = event.bytes.withUnsafeBytes { bytes in (try? everything.decode(bytes, into: &full)) != nil }
        guard decoded, program.predicate.evaluate(full) else { return }
      } else {
        guard program.predicate.evaluate(event) else { return }
      }
      matches += 1
      if !count { output.writeLine(event.bytes) }
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
    /// The lowered EQL query (then ``EQLSearch`` runs it).
    var eql: EQLLoweredQuery? = nil
    /// The `--timestamp-field` when it is not `@timestamp`.
    var timestampField: FieldID? = nil
    /// The `--tiebreaker-field`.
    var tiebreaker: FieldID? = nil
  }

  func validate() throws {
    if let size, size < 0 { throw ValidationError("--size must be 0 or more") }
    if maxSamplesPerKey < 1 { throw ValidationError("--max-samples-per-key must be at least 1") }
    if maxPartialsPerStage < 1 { throw ValidationError("--max-partials-per-stage must be at least 1") }
  }

  /// EQL, as Elasticsearch's EQL search answers it (see ``EQLSearch``): an event query prints each result's original
  /// text; sequences and samples one line per match, `{"join_keys": [...], "events": [...]}`.
  private func runEQL(
    _ eql: EQLLoweredQuery, _ program: Compiled, _ reporter: inout BadInputReporter, _ output: OutputWriter
  ) throws {
    let options = EQLSearch.Options(
      timestampField: program.timestampField, tiebreakerField: program.tiebreaker, size: size,
      maxSamplesPerKey: maxSamplesPerKey, limits: .init(maximumPartialsPerStage: maxPartialsPerStage))
    var search = EQLSearch(eql, options: options)
    try EventInput.read(inputs, catalog: program.catalog, reporter: &reporter, beforeFailing: output.flush) { event in
      search.add(event)
    }
    let result = search.finish()
    if count {
      output.writeLine(String(result.matches.count))
    } else if case .event = eql.body {
      for match in result.matches {
        if let position = match.events.first ?? nil { output.writeLine(result.events[position].bytes) }
      }
    } else {
      for match in result.matches {
        var line = Array(#"{"join_keys":["#.utf8)
        for (position, key) in match.joinKeys.enumerated() {
          if position > 0 { line.append(UInt8(ascii: ",")) }
          Self.appendJSON(key, to: &line)
        }
        line += Array(#"],"events":["#.utf8)
        for (position, id) in match.events.enumerated() {
          if position > 0 { line.append(UInt8(ascii: ",")) }
          if let id { line += result.events[id].bytes } else { line += Array(#"{"missing":true}"#.utf8) }
        }
        line += Array("]}".utf8)
        output.writeLine(line)
      }
    }
    output.flush()
    let statistics = result.statistics
    if statistics.eventsWithoutTimestamp > 0 {
      StandardStreams.writeError("warning: \(statistics.eventsWithoutTimestamp) events without @timestamp were skipped")
    }
    if statistics.evictions > 0 {
      StandardStreams.writeError(
        "warning: \(statistics.evictions) partial sequences were evicted to bound memory (at most "
          + "\(maxPartialsPerStage) per stage, --max-partials-per-stage); some sequences may be missed")
    }
    if let summary = reporter.summary { BadInputReporter.printError(summary) }
    if reporter.hasProblems { throw ExitCode(ExitStatus.inputErrors) }
  }

  static func appendJSON(_ value: ScalarValue, to out: inout [UInt8]) {
    switch value {
    case .null: out += Array("null".utf8)
    case .bool(let bool): out += Array((bool ? "true" : "false").utf8)
    case .int(let int): JSONWriter.appendInt(int, to: &out)
    case .double(let double): JSONWriter.appendDouble(double, to: &out)
    case .string(let text): JSONWriter.appendString(text, to: &out)
    }
  }

  private func compileKQL() throws -> Compiled {
    let parsed = KQLParser.parse(query)
    return try compileFilter(parsed.diagnostics) { fields, now in
      parsed.query.map { tree in
        var lowered = KQLLowering.lower(tree, fields: &fields, now: now, allowsAnyField: true)
        lowered.diagnostics = KQLChecker.check(tree) + lowered.diagnostics
        return lowered
      }
    }
  }

  private func compileLucene() throws -> Compiled {
    let parsed = LuceneParser.parse(query)
    return try compileFilter(parsed.diagnostics) { fields, now in
      parsed.query.map { LuceneLowering.lower($0, fields: &fields, now: now, allowsAnyField: true) }
    }
  }

  /// A KQL or Lucene query, from its parse diagnostics and its lowering (`nil` when it did not parse); diagnostics
  /// are printed, and errors end the command.
  private func compileFilter(
    _ parseDiagnostics: [Diagnostic], lower: (inout FieldResolver, Int64) -> LoweringResult?
  ) throws -> Compiled {
    var diagnostics = parseDiagnostics
    var fields = FieldResolver()
    var predicate = Predicate.never
    if let lowered = lower(&fields, Int64(Date().timeIntervalSince1970 * 1e9)) {
      diagnostics += lowered.diagnostics
      predicate = lowered.predicate
    }
    let source = SourceText(name: "<query>", text: query)
    let renderer = DiagnosticRenderer()
    for diagnostic in diagnostics { StandardStreams.writeError(renderer.render(diagnostic, in: source)) }
    if diagnostics.hasErrors { throw ExitCode(ExitStatus.usage) }
    return Compiled(predicate: PredicateProgram(predicate), catalog: fields.catalog)
  }

  private func compileEQL() throws -> Compiled {
    let source = SourceText(name: "<query>", text: query)
    let renderer = DiagnosticRenderer()
    let parsed = EQLParser.parse(query)
    var diagnostics = parsed.diagnostics
    var fields = FieldResolver()
    let timestamp = timestampField == "@timestamp" ? nil : fields.bind(timestampField).id
    let tiebreaker = tiebreakerField.map { fields.bind($0).id }
    var compiled: Compiled?
    if let tree = parsed.query, !diagnostics.hasErrors {
      let lowered = EQLLowering.lower(tree, fields: &fields, eventCategoryField: eventCategoryField)
      diagnostics += lowered.diagnostics
      if case .sequence(let sequence) = lowered.body, let reason = EQLSequenceMatcher.unsupportedReason(sequence) {
        diagnostics.append(.error("eql.unsupported", reason, at: tree.range))
      }
      compiled = Compiled(
        predicate: PredicateProgram(.or(lowered.predicates)), catalog: fields.catalog, eql: lowered)
    }
    for diagnostic in diagnostics { StandardStreams.writeError(renderer.render(diagnostic, in: source)) }
    guard var compiled, !diagnostics.hasErrors else { throw ExitCode(ExitStatus.usage) }
    compiled.timestampField = timestamp
    compiled.tiebreaker = tiebreaker
    return compiled
  }
}
