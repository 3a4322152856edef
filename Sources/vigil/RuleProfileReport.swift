import Foundation
import VigilEngine

/// The table `vigil scan --profile-rules` prints on stderr: the rules that cost most time, so users can tune them.
struct RuleProfileReport {
  let ruleSet: CompiledRuleSet
  let profile: [RuleProfile]
  /// Time on the tests many rules require, evaluated once per event before the rules, nanoseconds.
  let sharedTestNanoseconds: Int64
  /// How many of the costliest rules to list (`nil`: all that ran).
  var limit: Int?

  var text: String {
    let total = profile.reduce(Int64(0)) { $0 + $1.nanoseconds }
    let costliest = profile.indices.filter { profile[$0].evaluations > 0 }
      .sorted { profile[$0].nanoseconds > profile[$1].nanoseconds }.prefix(limit ?? .max)
    var table = TextTable([
      .init(title: "RULE", shrinkable: true), .init(title: "TYPE"), .init(title: "SECONDS", alignRight: true),
      .init(title: "SHARE", alignRight: true), .init(title: "EVALUATED", alignRight: true),
      .init(title: "MATCHED", alignRight: true), .init(title: "NS/EVENT", alignRight: true),
    ])
    for position in costliest {
      let entry = profile[position]
      let rule = ruleSet.rules[position].rule
      table.append([
        rule.name, rule.type.rawValue, String(format: "%.3f", Double(entry.nanoseconds) / 1e9),
        String(format: "%.1f%%", total > 0 ? 100 * Double(entry.nanoseconds) / Double(total) : 0),
        String(entry.evaluations), String(entry.matches), String(entry.nanoseconds / Int64(entry.evaluations)),
      ])
    }
    let ran = profile.filter { $0.evaluations > 0 }.count
    let listed = costliest.count == ran ? "all, costliest first" : "the \(costliest.count) costliest"
    let header = String(format: "Rule profile: %.3f s in %d rules; %@:", Double(total) / 1e9, ran, listed)
    let shared = String(
      format: "Tests many rules require (host.os.type, event.type, …), evaluated once per event before the rules: "
        + "%.3f s.", Double(sharedTestNanoseconds) / 1e9)
    return header + "\n" + table.render(width: StandardStreams.terminalWidth) + "\n" + byType(total: total) + "\n"
      + shared
  }

  /// One line with the time spent in each rule type, costliest first, so users see which kind of rule to tune.
  private func byType(total: Int64) -> String {
    var seconds: [String: Int64] = [:]
    for (position, entry) in profile.enumerated() where entry.evaluations > 0 {
      seconds[ruleSet.rules[position].rule.type.rawValue, default: 0] += entry.nanoseconds
    }
    let parts = seconds.sorted { $0.value > $1.value }.map { type, nanoseconds in
      String(
        format: "%@ %.3f s (%.0f%%)", type, Double(nanoseconds) / 1e9,
        total > 0 ? 100 * Double(nanoseconds) / Double(total) : 0)
    }
    return "By rule type: " + parts.joined(separator: ", ")
  }
}
