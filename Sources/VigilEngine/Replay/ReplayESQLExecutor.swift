import VigilESQL
import VigilEvents

/// Replays an ES|QL rule: each run runs the pipeline once over its window's events (in time order, `NOW()` = the
/// run time).
///
/// - Aggregating (STATS): each row is an alert whose source is the row, with an id that depends on the window, so
///   every run alerts again, as in Kibana; at most `max_signals` rows per run.
/// - Non-aggregating: each row is an alert built from its event with the row's columns written over it. As Kibana
///   re-queries with a larger `LIMIT` while duplicates take up rows, up to 3 × `max_signals` rows are looked at,
///   and at most `max_signals` new alerts made.
enum ReplayESQLExecutor {
  static func run(
    _ rule: ReplayRule, program: ESQLProgram, documents: [ReplayDocument], decoder: EventDecoder,
    output: inout ReplayOutput, emit: (Alert) throws -> Void
  ) rethrows {
    try rule.schedule.forEachRun(over: rule.times) { run, range in
      output.replay.runs += 1
      var pipeline = program.start(now: run)
      for (offset, position) in range.enumerated() {
        guard let event = documents[rule.events[position].document].event(decoder) else {
          pipeline.skip()
          continue
        }
        pipeline.feed(event, source: offset)
      }
      var rows = pipeline.finish().rows
      // Kibana's suppression of ES|QL alerts spans the run's window, for every row.
      let window = rule.schedule.window(of: run)
      if program.isAggregating {
        if rows.count > rule.maxSignals {
          output.capped(rule)
          rows.removeLast(rows.count - rule.maxSignals)
        }
        let result = ESQLWindowState.Run(start: window.lowerBound, end: window.upperBound, rows: rows)
        for (index, row) in rows.enumerated() {
          try output.offer(
            ESQLRowAlert.aggregate(rule.compiled, row: row, rowIndex: index, window: result), at: run,
            from: result.start, to: result.end, emit: emit)
        }
        return
      }
      var created = 0
      for row in rows.prefix(3 * rule.maxSignals) {
        if created == rule.maxSignals {
          output.capped(rule)
          break
        }
        guard let source = row.source, source < range.count else { continue }
        let document = documents[rule.events[range.lowerBound + source].document]
        let alert = ESQLRowAlert.build(
          rule.compiled, program: program, row: row, source: document.source, alertTime: run)
        if try output.offer(alert, at: run, from: window.lowerBound, to: window.upperBound, emit: emit) { created += 1 }
      }
    }
  }
}
