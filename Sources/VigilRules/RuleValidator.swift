/// The document-level checks detection-rules makes on a decoded rule: identifiers, allowed values and ranges,
/// language per type, index rules, and the shape of ATT&CK mappings.
struct RuleValidator {
  var diagnostics: RuleDiagnostics

  mutating func validate(_ rule: DetectionRule) {
    checkIdentity(rule)
    checkQuery(rule)
    checkThreat(rule)
    if let threshold = rule.threshold {
      let limit = Self.stackVersion(rule.metadata.minStackVersion, isAtLeast: (9, 2)) ? 5 : 3
      if threshold.fields.count > limit {
        diagnostics.error(
          "rule.threshold-fields", "threshold groups by at most \(limit) fields, found \(threshold.fields.count)",
          at: "rule.threshold.field")
      }
    }
  }

  private mutating func checkIdentity(_ rule: DetectionRule) {
    if !rule.ruleID.isEmpty {
      // detection-rules' UUID pattern is anchored only at the start, so it accepts trailing characters; so do we.
      let prefix = String(rule.ruleID.prefix(36))
      if !Self.isUUID(prefix) {
        diagnostics.error("rule.invalid-rule-id", "rule_id '\(rule.ruleID)' is not a UUID", at: "rule.rule_id")
      } else if rule.ruleID.count > 36 {
        diagnostics.warning(
          "rule.rule-id-suffix", "rule_id '\(rule.ruleID)' has characters after its UUID", at: "rule.rule_id")
      }
    }
    if !rule.name.isEmpty, !Self.isValidName(rule.name) {
      diagnostics.error(
        "rule.invalid-name", "name must start with a letter or digit and end with one or with ')' or ']'",
        at: "rule.name")
    }
    if !(0...100).contains(rule.riskScore) {
      diagnostics.error(
        "rule.invalid-risk-score", "risk_score must be between 0 and 100, found \(rule.riskScore)",
        at: "rule.risk_score")
    }
    if let type = rule.buildingBlockType, type != "default" {
      diagnostics.error(
        "rule.invalid-value", "building_block_type must be 'default', found '\(type)'", at: "rule.building_block_type")
    }
    let maturities = ["development", "experimental", "beta", "production", "deprecated"]
    if let maturity = rule.metadata.maturity, !maturities.contains(maturity) {
      diagnostics.error(
        "rule.invalid-value",
        "invalid maturity '\(maturity)'; expected one of \(RuleDecoder.list(maturities))", at: "metadata.maturity")
    }
    for (key, date) in [("creation_date", rule.metadata.creationDate), ("updated_date", rule.metadata.updatedDate)]
    where !date.isEmpty && !Self.isRuleDate(date) {
      diagnostics.error("rule.invalid-date", "\(key) '\(date)' is not a date of the form YYYY/MM/DD", at: "metadata.\(key)")
    }
  }

  private mutating func checkQuery(_ rule: DetectionRule) {
    let allowed = rule.type.allowedLanguages
    if allowed.isEmpty {
      if rule.language != nil {
        diagnostics.error("rule.invalid-language", "\(rule.type.rawValue) rules have no query language", at: "rule.language")
      }
    } else if let language = rule.language {
      if !allowed.contains(language) {
        diagnostics.error(
          "rule.invalid-language",
          "\(rule.type.rawValue) rules take language \(RuleDecoder.list(allowed.map(\.rawValue))), not '\(language.rawValue)'",
          at: "rule.language")
      }
    } else {
      diagnostics.error("rule.missing-key", "missing required key 'rule.language'", at: "rule.language")
    }
    let filterOnly = rule.type == .query && rule.language == .kuery && !rule.filters.isEmpty
    if !allowed.isEmpty, rule.type != .savedQuery, rule.query == nil, !filterOnly {
      diagnostics.error("rule.missing-key", "missing required key 'rule.query'", at: "rule.query")
    }
    if !rule.index.isEmpty, rule.dataViewID != nil {
      diagnostics.error("rule.index-and-data-view", "index and data_view_id cannot both be set", at: "rule.data_view_id")
    }
    if rule.type == .esql, !rule.index.isEmpty {
      diagnostics.error("rule.esql-index", "esql rules take their indices from FROM; remove 'index'", at: "rule.index")
    }
  }

  private mutating func checkThreat(_ rule: DetectionRule) {
    for (mappingIndex, mapping) in rule.threat.enumerated() {
      let path = "rule.threat[\(mappingIndex)]"
      let isATLAS = mapping.framework == "MITRE ATLAS"
      guard mapping.framework == "MITRE ATT&CK" || isATLAS else {
        diagnostics.error(
          "rule.invalid-framework", "framework must be 'MITRE ATT&CK' or 'MITRE ATLAS', found '\(mapping.framework)'",
          at: "\(path).framework")
        continue
      }
      // Paths are made only for a diagnostic: making them for every entry was a third of these checks.
      check(mapping.tactic, kind: .tactic, atlas: isATLAS, at: "\(path).tactic")
      for (techniqueIndex, technique) in mapping.techniques.enumerated() {
        let techniquePath = { "\(path).technique[\(techniqueIndex)]" }
        check(technique.entry, kind: .technique, atlas: isATLAS, at: techniquePath())
        for (subIndex, sub) in technique.subtechniques.enumerated() {
          let subPath = { "\(techniquePath()).subtechnique[\(subIndex)]" }
          check(sub, kind: .subtechnique, atlas: isATLAS, at: subPath())
          if !sub.id.hasPrefix(technique.entry.id + ".") {
            diagnostics.error(
              "rule.invalid-threat-id", "sub-technique \(sub.id) does not belong to technique \(technique.entry.id)",
              at: "\(subPath()).id")
          }
        }
      }
    }
  }

  private enum ThreatKind: String {
    case tactic, technique, subtechnique
  }

  private mutating func check(
    _ entry: ThreatMapping.Entry, kind: ThreatKind, atlas: Bool, at path: @autoclosure () -> String
  ) {
    let shape: String
    let valid: Bool
    let prefix = atlas ? "AML." : ""
    let id = entry.id.hasPrefix(prefix) ? String(entry.id.dropFirst(prefix.count)) : ""
    switch kind {
    case .tactic:
      shape = "\(prefix)TA0000"
      valid = Self.matches(id, letters: "TA", digits: 4, subDigits: nil)
    case .technique:
      shape = "\(prefix)T0000"
      valid = Self.matches(id, letters: "T", digits: 4, subDigits: nil)
    case .subtechnique:
      shape = "\(prefix)T0000.000"
      valid = Self.matches(id, letters: "T", digits: 4, subDigits: 3)
    }
    if !valid {
      diagnostics.error(
        "rule.invalid-threat-id", "\(kind.rawValue) id '\(entry.id)' does not have the shape \(shape)",
        at: "\(path()).id")
      return
    }
    let host = atlas ? "https://atlas.mitre.org/" : "https://attack.mitre.org/"
    if !entry.reference.hasPrefix(host) {
      diagnostics.error(
        "rule.invalid-threat-reference", "\(kind.rawValue) reference must be a \(host) URL, found '\(entry.reference)'",
        at: "\(path()).reference")
    }
  }

  static func matches(_ text: String, letters: String, digits: Int, subDigits: Int?) -> Bool {
    guard text.hasPrefix(letters) else { return false }
    let rest = text.utf8.dropFirst(letters.utf8.count)
    let parts = rest.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    let counts = subDigits.map { [digits, $0] } ?? [digits]
    return parts.map(\.count) == counts && parts.allSatisfy(isASCIIDigits)
  }

  private static func isASCIIDigits(_ bytes: Substring.UTF8View) -> Bool {
    bytes.allSatisfy(TOMLReader.isDigit)
  }

  static func isUUID(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    let hyphens = [8, 13, 18, 23]
    return bytes.count == 36
      && bytes.indices.allSatisfy { hyphens.contains($0) ? bytes[$0] == UInt8(ascii: "-") : isHexDigit(bytes[$0]) }
  }

  /// `0-9`, `a-f` or `A-F` (setting the bit 0x20 lowers the ASCII letters and maps no other byte into `a-f`).
  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
  }

  /// detection-rules' name pattern: `^[a-zA-Z0-9].+?[a-zA-Z0-9\[\]()]$`.
  static func isValidName(_ name: String) -> Bool {
    guard name.count >= 3, let first = name.first, let last = name.last else { return false }
    let isAlphanumeric: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber) }
    return isAlphanumeric(first) && (isAlphanumeric(last) || "[]()".contains(last))
      && !name.dropFirst().dropLast().utf8.contains(UInt8(ascii: "\n"))
  }

  static func isRuleDate(_ text: String) -> Bool {
    let parts = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
    guard parts.map(\.count) == [4, 2, 2], parts.allSatisfy(isASCIIDigits) else { return false }
    let number = { (part: Substring.UTF8View) in part.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
    return (1...12).contains(number(parts[1])) && (1...31).contains(number(parts[2]))
  }

  static func stackVersion(_ text: String?, isAtLeast minimum: (Int, Int)) -> Bool {
    guard let parts = text?.split(separator: ".").compactMap({ Int($0) }), parts.count >= 2 else { return false }
    return (parts[0], parts[1]) >= minimum
  }
}
