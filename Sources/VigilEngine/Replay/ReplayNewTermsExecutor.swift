/// Replays a `new_terms` rule (detection-engine-semantics §2.3): in each run, a value combination found in the
/// window is new when its first sighting over the history `[to + history_window_start, to]` is strictly after the
/// window's start; the alert is built from that first event, with `kibana.alert.new_terms`. New terms alert in
/// composite-key order (values compared as text) up to `max_signals`; a term still new in the next, overlapping run
/// gives the same alert id and is dropped as a duplicate.
enum ReplayNewTermsExecutor {
  private struct Sighting: Hashable {
    var terms: [String]
    var position: Int
  }

  static func run(
    _ rule: ReplayRule, historySeconds: Int64, documents: [ReplayDocument], output: inout ReplayOutput,
    emit: (Alert) throws -> Void
  ) rethrows {
    // Each combination's events, as positions in rule.events (so in time order).
    var sightings: [[String]: [Int]] = [:]
    for (position, event) in rule.events.enumerated() {
      for terms in event.facts.terms { sightings[terms, default: []].append(position) }
    }
    var alerted = Set<Sighting>()
    try rule.schedule.forEachRun(over: rule.times) { run, range in
      output.replay.runs += 1
      let window = rule.schedule.window(of: run)
      let historyStart = window.upperBound - historySeconds &* 1_000_000_000
      var considered = Set<[String]>()
      var new: [Sighting] = []
      for position in range {
        for terms in rule.events[position].facts.terms where considered.insert(terms).inserted {
          let list = sightings[terms]!
          let first = list.partitionPoint { rule.times[$0] >= historyStart }
          guard first < list.endIndex, rule.times[list[first]] > window.lowerBound else { continue }
          new.append(Sighting(terms: terms, position: list[first]))
        }
      }
      new.sort { $0.terms.lexicographicallyPrecedes($1.terms) }
      var created = 0
      for sighting in new {
        if alerted.contains(sighting) {
          output.statistics.duplicateAlerts += 1
          continue
        }
        if created == rule.maxSignals {
          output.capped(rule)
          break
        }
        alerted.insert(sighting)
        let alert = AlertBuilder.eventAlert(
          rule: rule.compiled.rule, fields: rule.compiled.alertFields,
          source: documents[rule.events[sighting.position].document].source, alertTime: run,
          extra: [("kibana.alert.new_terms", .array(sighting.terms.map(JSONValue.string)))], idParts: sighting.terms)
        let time = rule.events[sighting.position].time
        if try output.offer(alert, at: run, from: time, to: time, emit: emit) { created += 1 }
      }
    }
  }
}
