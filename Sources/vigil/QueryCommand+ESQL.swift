import ArgumentParser
import Foundation
import VigilESQL
import VigilEvents
import VigilIO
import VigilKQL
import VigilQuery
import VigilSyntax

extension QueryCommand {
  /// `vigil query --language esql QUERY [FILE...]`: the result rows of an ES|QL query over the events, one JSON
  /// object per line keyed by column name (`null` columns written as `null`), at most 1000 rows unless the query
  /// says `LIMIT`.
  func runESQL() async throws {
    let (program, catalog) = try compileESQL()
    var reporter = BadInputReporter(strict: strict)
    let output = OutputWriter()
    let now = Int64(Date().timeIntervalSince1970 * 1e9)
    var run = program.start(now: now)
    let everything = program.wantsAllFields ? EventDecoder() : nil
    let prefilter = program.sourcePredicate == .always ? nil : PredicateProgram(program.sourcePredicate)
    try EventInput.read(inputs, catalog: catalog, reporter: &reporter, beforeFailing: output.flush) { event in
      guard prefilter?.evaluate(event) ?? true else {
        run.skip()
        return
      }
      if let everything, let full = try? everything.decode(event.bytes) {
        run.feed(event, allFields: (full, everything.catalog))
      } else {
        run.feed(event)
      }
    }
    let result = run.finish()
    if count {
      output.writeLine(String(result.rows.count))
    } else {
      for row in result.rows { output.writeLine(row.json()) }
    }
    output.flush()
    if result.warnings > 0 {
      StandardStreams.writeError(
        "warning: \(result.warnings) value(s) were null because a single-value operation met a multi-valued field, "
          + "or an arithmetic or conversion error (as Elasticsearch's response warnings)")
    }
    if let summary = reporter.summary { BadInputReporter.printError(summary) }
    if reporter.hasProblems { throw ExitCode(ExitStatus.inputErrors) }
  }

  private func compileESQL() throws -> (ESQLProgram, FieldCatalog) {
    let source = SourceText(name: "<query>", text: query)
    let renderer = DiagnosticRenderer()
    let parsed = ESQLParser.parse(query)
    for diagnostic in parsed.diagnostics { StandardStreams.writeError(renderer.render(diagnostic, in: source)) }
    guard let tree = parsed.query, !parsed.diagnostics.hasErrors else { throw ExitCode(ExitStatus.usage) }
    let now = Int64(Date().timeIntervalSince1970 * 1e9)
    var fields = FieldResolver()
    let compiled = ESQLProgram.compile(tree, fields: &fields) { text, fields in
      guard let kql = KQLParser.parse(text).query else { return nil }
      let lowered = KQLLowering.lower(kql, fields: &fields, now: now)
      return lowered.diagnostics.hasErrors ? nil : lowered.predicate
    }
    guard let program = compiled.program else {
      for problem in compiled.unsupported {
        let diagnostic = Diagnostic.error("esql.unsupported", problem.message, at: problem.range)
        StandardStreams.writeError(renderer.render(diagnostic, in: source))
      }
      throw ExitCode(ExitStatus.usage)
    }
    return (program, fields.catalog)
  }
}
