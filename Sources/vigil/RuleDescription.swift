import Foundation
import VigilEngine
import VigilRules

/// The readable form of a rule printed by `vigil rules show`.
struct RuleDescription {
  let rule: DetectionRule
  let file: RuleFile

  var text: String {
    var lines: [String] = [rule.name, String(repeating: "=", count: min(rule.name.count, 100))]
    func field(_ label: String, _ value: String) {
      lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
    }
    field("rule_id", rule.ruleID)
    field("file", file.path)
    field("type", rule.type.rawValue + (rule.language.map { " (\($0.displayName))" } ?? ""))
    field("severity", "\(rule.severity.rawValue), risk score \(rule.riskScore)")
    if rule.isBuildingBlock { field("building block", "yes: alerts are hidden by default") }
    if rule.metadata.isDeprecated { field("maturity", "deprecated") }
    field("runs", RuleSupport.of(rule).reason.map { "not in this build: \($0)" } ?? "yes")
    field("schedule", schedule)
    field("timestamp", timestamp)
    if !rule.index.isEmpty { field("index", rule.index.joined(separator: ", ")) }
    if !rule.tags.isEmpty { field("tags", rule.tags.joined(separator: ", ")) }
    if !rule.metadata.integrations.isEmpty { field("integrations", rule.metadata.integrations.joined(separator: ", ")) }
    lines.append(contentsOf: typeSpecific)

    lines.append("")
    lines.append("Description")
    lines.append(contentsOf: indented(rule.description))
    if !rule.threat.isEmpty {
      lines.append("")
      lines.append("ATT&CK mapping")
      for mapping in rule.threat {
        lines.append("  \(mapping.tactic.id) \(mapping.tactic.name)" + (mapping.framework == "MITRE ATT&CK" ? "" : " (\(mapping.framework))"))
        for technique in mapping.techniques {
          lines.append("    \(technique.entry.id) \(technique.entry.name)")
          for sub in technique.subtechniques { lines.append("      \(sub.id) \(sub.name)") }
        }
      }
    }
    if let query = rule.query {
      lines.append("")
      lines.append("Query" + (rule.language.map { " (\($0.displayName))" } ?? ""))
      lines.append(contentsOf: indented(rule.language.map { QueryFormatter.pretty(query, language: $0) } ?? query))
    }
    if !rule.references.isEmpty {
      lines.append("")
      lines.append("References")
      lines.append(contentsOf: rule.references.map { "  " + $0 })
    }
    return lines.joined(separator: "\n")
  }

  private var schedule: String {
    let lookback = -rule.schedule.from.offsetSeconds
    var text = "every \(rule.schedule.interval), searching from \(rule.schedule.from) to \(rule.schedule.to)"
    if rule.schedule.additionalLookbackSeconds > 0 {
      text += " (\(Self.duration(rule.schedule.additionalLookbackSeconds)) look-back beyond the interval)"
    } else if lookback < rule.schedule.interval.seconds {
      text += " (leaves gaps: the window is shorter than the interval)"
    }
    return text + "; at most \(rule.schedule.maxSignals) alerts per run"
  }

  private var timestamp: String {
    guard let override = rule.timestampOverride else { return "@timestamp" }
    if rule.type == .eql { return "\(override) for the time range; @timestamp orders events" }
    return rule.timestampOverrideFallbackDisabled ? override : "\(override), else @timestamp"
  }

  private var typeSpecific: [String] {
    var lines: [String] = []
    func field(_ label: String, _ value: String) {
      lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
    }
    if let newTerms = rule.newTerms {
      field("new terms", "\(newTerms.fields.joined(separator: ", ")), new since \(newTerms.historyWindowStart)")
    }
    if let threshold = rule.threshold {
      var text = "≥ \(threshold.value) events"
      if !threshold.fields.isEmpty { text += " per \(threshold.fields.joined(separator: ", "))" }
      for cardinality in threshold.cardinality {
        text += ", with ≥ \(cardinality.value) distinct \(cardinality.field)"
      }
      field("threshold", text)
    }
    if let threatMatch = rule.threatMatch {
      field("indicators", threatMatch.index.joined(separator: ", "))
      let mapping = threatMatch.mapping.map { entries in
        entries.map { "\($0.field) = \($0.value)" }.joined(separator: " and ")
      }
      field("matching", mapping.joined(separator: "; or "))
    }
    if let machineLearning = rule.machineLearning {
      field("ML jobs", machineLearning.jobIDs.joined(separator: ", "))
      field("anomaly score", "≥ \(machineLearning.anomalyThreshold)")
    }
    if let suppression = rule.alertSuppression {
      field("suppression", "by \(suppression.groupBy.joined(separator: ", "))" + (suppression.duration.map { " for \($0)" } ?? " per run"))
    }
    return lines
  }

  private func indented(_ text: String) -> [String] {
    text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false)
      .map { "  " + $0 }
  }

  static func duration(_ seconds: Int64) -> String {
    if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
    if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
    if seconds % 60 == 0 { return "\(seconds / 60)m" }
    return "\(seconds)s"
  }
}
