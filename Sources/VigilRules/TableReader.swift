/// Reads typed values out of one TOML table, reporting a missing required key or a value of the wrong type at the
/// key's line, and remembering which keys were read so the rest can be kept as "other keys".
struct TableReader {
  /// Dotted path of the table (`rule`, `rule.threat[0].tactic`), for positions and messages.
  let path: String
  let values: [String: RuleValue]
  private(set) var readKeys: Set<String> = []

  init(path: String, values: [String: RuleValue]) {
    self.path = path
    self.values = values
  }

  func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// Keys never read, with their values.
  var unreadValues: [String: RuleValue] { values.filter { !readKeys.contains($0.key) } }

  mutating func has(_ key: String) -> Bool {
    readKeys.insert(key)
    return values[key] != nil
  }

  private mutating func value(_ key: String, required: Bool, _ diagnostics: inout RuleDiagnostics) -> RuleValue? {
    readKeys.insert(key)
    guard let value = values[key] else {
      if required {
        diagnostics.error("rule.missing-key", "missing required key '\(keyPath(key))'", at: keyPath(key))
      }
      return nil
    }
    return value
  }

  private func wrongType(
    _ key: String, expected: String, found: RuleValue, _ diagnostics: inout RuleDiagnostics
  ) {
    diagnostics.error(
      "rule.wrong-type", "'\(keyPath(key))' must be \(expected), found \(found.typeDescription)", at: keyPath(key))
  }

  mutating func string(_ key: String, required: Bool = false, _ diagnostics: inout RuleDiagnostics) -> String? {
    guard let value = value(key, required: required, &diagnostics) else { return nil }
    guard let string = value.string else {
      wrongType(key, expected: "a string", found: value, &diagnostics)
      return nil
    }
    return string
  }

  mutating func integer(_ key: String, required: Bool = false, _ diagnostics: inout RuleDiagnostics) -> Int? {
    guard let value = value(key, required: required, &diagnostics) else { return nil }
    guard let integer = value.integer, let int = Int(exactly: integer) else {
      wrongType(key, expected: "an integer", found: value, &diagnostics)
      return nil
    }
    return int
  }

  mutating func bool(_ key: String, required: Bool = false, _ diagnostics: inout RuleDiagnostics) -> Bool? {
    guard let value = value(key, required: required, &diagnostics) else { return nil }
    guard let bool = value.bool else {
      wrongType(key, expected: "a boolean", found: value, &diagnostics)
      return nil
    }
    return bool
  }

  /// An array of strings; with `acceptsSingle`, a lone string counts as a one-element array.
  mutating func strings(
    _ key: String, required: Bool = false, acceptsSingle: Bool = false, _ diagnostics: inout RuleDiagnostics
  ) -> [String]? {
    guard let value = value(key, required: required, &diagnostics) else { return nil }
    if acceptsSingle, let single = value.string { return [single] }
    guard let array = value.array else {
      wrongType(key, expected: "an array of strings", found: value, &diagnostics)
      return nil
    }
    var result: [String] = []
    for element in array {
      guard let string = element.string else {
        wrongType(key, expected: "an array of strings", found: element, &diagnostics)
        return nil
      }
      result.append(string)
    }
    return result
  }

  mutating func table(_ key: String, required: Bool = false, _ diagnostics: inout RuleDiagnostics) -> TableReader? {
    guard let value = value(key, required: required, &diagnostics) else { return nil }
    guard let table = value.table else {
      wrongType(key, expected: "a table", found: value, &diagnostics)
      return nil
    }
    return TableReader(path: keyPath(key), values: table)
  }

  /// An array of tables (`[[rule.threat]]` or an array of inline tables).
  mutating func tables(_ key: String, required: Bool = false, _ diagnostics: inout RuleDiagnostics) -> [TableReader]? {
    guard let value = value(key, required: required, &diagnostics) else { return nil }
    guard let array = value.array else {
      wrongType(key, expected: "an array of tables", found: value, &diagnostics)
      return nil
    }
    var result: [TableReader] = []
    for (index, element) in array.enumerated() {
      guard let table = element.table else {
        wrongType(key, expected: "an array of tables", found: element, &diagnostics)
        return nil
      }
      result.append(TableReader(path: "\(keyPath(key))[\(index)]", values: table))
    }
    return result
  }

  /// An array value of any element type, kept as written.
  mutating func rawArray(_ key: String, _ diagnostics: inout RuleDiagnostics) -> [RuleValue]? {
    guard let value = value(key, required: false, &diagnostics) else { return nil }
    guard let array = value.array else {
      wrongType(key, expected: "an array", found: value, &diagnostics)
      return nil
    }
    return array
  }
}
