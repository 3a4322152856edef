/// Replays rules that alert once per matching event: `query`, EQL event queries and `threat_match`.
///
/// Each run takes the events of its window in Kibana's order and alerts on them up to `max_signals`: query and
/// threat-match rules page through the window sorted by primary timestamp (events that fell back to `@timestamp`
/// last) and skip events already alerted, so those do not use up the budget; an EQL request returns the first
/// `max_signals` events by `@timestamp` and only then are already-alerted ones dropped. Events left over wait for
/// the next run, and are lost when no later window holds them.
enum ReplayEventExecutor {
  static func run(
    _ rule: ReplayRule, documents: [ReplayDocument], intel: ThreatIntel?, output: inout ReplayOutput,
    emit: (Alert) throws -> Void
  ) rethrows {
    let isEQL = rule.compiled.rule.language == .eql
    // Positions (in rule.events) already alerted on, and those a full run left over.
    var alerted = Set<Int>()
    var leftOver = Set<Int>()
    try rule.schedule.forEachRun(over: rule.times) { run, range in
      output.replay.runs += 1
      var window = Array(range)
      if isEQL {
        window.sort {
          (rule.events[$0].order, rule.events[$0].document) < (rule.events[$1].order, rule.events[$1].document)
        }
        if window.count > rule.maxSignals {
          output.capped(rule)
          leftOver.formUnion(window[rule.maxSignals...])
          window.removeLast(window.count - rule.maxSignals)
        }
      } else {
        // Already sorted by time then input order; events whose override was missing sort last.
        window = window.filter { !rule.events[$0].fellBack } + window.filter { rule.events[$0].fellBack }
      }
      var created = 0
      for (offset, position) in window.enumerated() {
        if alerted.contains(position) {
          output.statistics.duplicateAlerts += 1
          continue
        }
        if created == rule.maxSignals {
          let rest = window[offset...].filter { !alerted.contains($0) }
          leftOver.formUnion(rest)
          output.capped(rule)
          break
        }
        alerted.insert(position)
        let alert = build(rule, rule.events[position], documents: documents, intel: intel, at: run)
        let time = rule.events[position].time
        if try output.offer(alert, at: run, from: time, to: time, emit: emit) { created += 1 }
      }
    }
    let lost = leftOver.subtracting(alerted).count
    if lost > 0 { output.replay.lostEvents[rule.ruleID, default: 0] += lost }
  }

  private static func build(
    _ rule: ReplayRule, _ event: ReplayEvent, documents: [ReplayDocument], intel: ThreatIntel?, at run: Int64
  ) -> Alert {
    let source = documents[event.document].source
    if case .threat(let matches) = event.facts, let intel {
      return ThreatMatchAlert.build(
        rule.compiled, source: source, matches: matches, indicators: intel.indicators, alertTime: run)
    }
    return AlertBuilder.eventAlert(
      rule: rule.compiled.rule, fields: rule.compiled.alertFields, source: source, alertTime: run)
  }
}
