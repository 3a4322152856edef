import VigilEngine
import VigilIO
import VigilRules

/// The summary `vigil scan` prints on stderr when it ends.
struct ScanReport {
  let ruleSet: CompiledRuleSet
  let statistics: ScanStatistics
  /// Rules the router sends every event to (no exact condition to file them under).
  let unroutedRules: Int
  let reporter: BadInputReporter
  let compileTime: Duration
  let scanTime: Duration

  var text: String {
    let seconds = Self.seconds(scanTime)
    let rate = seconds > 0 ? Int(Double(statistics.events) / seconds) : 0
    var lines = [
      "Events: \(statistics.events) read" + (reporter.badDocuments > 0 ? ", \(reporter.badDocuments) bad lines skipped" : "")
        + String(format: " in %.2f s (%d events/s).", seconds, rate),
      String(format: "Rules: loaded and compiled in %.2f s; ", Self.seconds(compileTime))
        + "\(ruleSet.rules.count) run, \(ruleSet.skipped.count) skipped"
        + (ruleSet.skipped.isEmpty
          ? "." : " (" + ruleSet.skippedReasons.map { "\($0.count) \($0.reason)" }.joined(separator: "; ") + ")."),
    ]
    let severities = RuleSeverity.allCases.reversed().compactMap { severity in
      statistics.alertsBySeverity[severity].map { "\($0) \(severity.rawValue)" }
    }
    if statistics.events > 0 {
      lines.append(
        String(
          format: "Routing: %.1f rule evaluations per event of %d rules (%d see every event).",
          Double(statistics.ruleEvaluations) / Double(statistics.events), ruleSet.rules.count, unroutedRules))
    }
    lines.append("Alerts: \(statistics.alerts)" + (severities.isEmpty ? "." : " (" + severities.joined(separator: ", ") + ")."))
    if statistics.lateEvents > 0 {
      lines.append(
        "\(statistics.lateEvents) events arrived later than the reorder window and ran out of time order "
          + "(sort the input, widen --reorder-window, or use --mode replay).")
    }
    if statistics.suppressedAlerts > 0 {
      lines.append(
        "\(statistics.suppressedAlerts) alert candidates suppressed: counted in the alert of the same terms "
          + "(alert_suppression, kibana.alert.suppression.docs_count).")
    }
    if statistics.alertsOverMaxSignals > 0 {
      lines.append(
        "\(statistics.alertsOverMaxSignals) alert candidates left out: their rules had reached max_signals within an interval.")
    }
    return lines.joined(separator: "\n")
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}
