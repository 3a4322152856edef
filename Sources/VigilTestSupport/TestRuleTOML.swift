/// The TOML text of a detection rule written for a test: the metadata and fields every rule needs, those the test
/// sets, and the query, so that a test spells out only what its rule is about.
public enum TestRuleTOML {
  /// A rule named `name` with id `ruleID`; `index` is left out when `nil` (ES|QL rules name theirs in the query),
  /// `from` and `interval` when `nil` (the defaults); `more` follows the query as it is: more keys of `[rule]`, then
  /// tables.
  public static func text(
    name: String, ruleID: String, type: String = "query", language: String = "kuery", query: String,
    severity: String = "low", riskScore: Int = 21, index: [String]? = nil, from: String? = nil,
    interval: String? = nil, more: String = ""
  ) -> String {
    var lines = [
      "[metadata]", #"creation_date = "2026/01/02""#, #"updated_date = "2026/01/02""#, "[rule]", #"author = ["T"]"#,
      #"description = "d""#,
    ]
    if let from { lines.append(#"from = "\#(from)""#) }
    if let interval { lines.append(#"interval = "\#(interval)""#) }
    if let index { lines.append("index = [" + index.map { #""\#($0)""# }.joined(separator: ", ") + "]") }
    lines += [
      #"language = "\#(language)""#, #"name = "\#(name)""#, "risk_score = \(riskScore)",
      #"rule_id = "\#(ruleID)""#, #"severity = "\#(severity)""#, #"type = "\#(type)""#,
    ]
    lines += ["query = '''", query, "'''", more]
    return lines.joined(separator: "\n")
  }
}
