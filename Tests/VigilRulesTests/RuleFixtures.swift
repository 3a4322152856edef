/// Rule documents written for the tests: a valid base rule, and edits of it.
enum RuleFixtures {
  /// A valid EQL rule; line numbers below are relied on by tests.
  static let validEQL = """
    [metadata]
    creation_date = "2026/01/02"
    maturity = "production"
    updated_date = "2026/02/03"
    integration = "endpoint"

    [rule]
    author = ["Tester"]
    description = "Something happened."
    from = "now-9m"
    index = ["logs-endpoint.events.process-*"]
    language = "eql"
    license = "Apache License 2.0"
    name = "Test Rule"
    risk_score = 21
    rule_id = "5b7d4c2a-1111-4222-8333-944455556666"
    severity = "low"
    tags = ["OS: Linux", "Tactic: Execution"]
    type = "eql"
    query = '''
    process where process.name == "nc"
    '''

    [[rule.threat]]
    framework = "MITRE ATT&CK"

    [[rule.threat.technique]]
    id = "T1059"
    name = "Command and Scripting Interpreter"
    reference = "https://attack.mitre.org/techniques/T1059/"

    [[rule.threat.technique.subtechnique]]
    id = "T1059.004"
    name = "Unix Shell"
    reference = "https://attack.mitre.org/techniques/T1059/004/"

    [rule.threat.tactic]
    id = "TA0002"
    name = "Execution"
    reference = "https://attack.mitre.org/tactics/TA0002/"
    """

  /// The base rule with the first line starting with `prefix` replaced (or removed when `line` is nil).
  static func editing(_ prefix: String, to line: String?, in text: String = validEQL) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) else {
      fatalError("fixture has no line starting with \(prefix)")
    }
    if let line { lines[index] = line } else { lines.remove(at: index) }
    return lines.joined(separator: "\n")
  }

  /// The base rule with lines appended at the end of `[rule]`'s own keys (after `query`).
  static func adding(_ extra: String, in text: String = validEQL) -> String {
    text.replacingOccurrences(of: "'''\n\n[[rule.threat]]", with: "'''\n\(extra)\n\n[[rule.threat]]")
  }
}
