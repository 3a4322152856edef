/// The arguments of `GROK input "pattern"` (several patterns may follow, separated by commas).
public struct ESQLGrok: Hashable, Sendable {
  public var input: ESQLExpression
  public var patterns: [String]
  @ESQLSourceRange public var patternRange: Range<Int>

  public init(input: ESQLExpression, patterns: [String], patternRange: Range<Int>) {
    self.input = input
    self.patterns = patterns
    self.patternRange = patternRange
  }

  /// The columns the patterns create, in order of first appearance: the names of `%{SYNTAX:name}` and
  /// `%{SYNTAX:name:type}` references and of `(?<name>…)` groups.
  public var fields: [String] {
    var names: [String] = []
    for pattern in patterns {
      for reference in ESQLGrok.references(in: pattern) {
        if let name = reference.name, !names.contains(name) { names.append(name) }
      }
    }
    return names
  }

  /// One `%{SYNTAX[:name[:type]]}` reference or `(?<name>…)` group of a grok pattern.
  public struct Reference: Hashable, Sendable {
    /// The pattern name (`WORD`, `IP`, …); `nil` for a `(?<name>…)` group.
    public var syntax: String?
    public var name: String?
    /// `int`, `long`, `float`, `double`, `boolean`, when given.
    public var type: String?
  }

  /// The references and named groups of one grok pattern, in order.
  public static func references(in pattern: String) -> [Reference] {
    var found: [Reference] = []
    let scalars = Array(pattern.unicodeScalars)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "\\" {
        index += 2
        continue
      }
      if scalars[index] == "%", index + 1 < scalars.count, scalars[index + 1] == "{",
        let close = scalars[(index + 2)...].firstIndex(of: "}")
      {
        let parts = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
          .split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        found.append(
          Reference(
            syntax: parts[0], name: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil,
            type: parts.count > 2 ? parts[2] : nil))
        index = close + 1
        continue
      }
      if scalars[index] == "(", index + 3 < scalars.count, scalars[index + 1] == "?", scalars[index + 2] == "<",
        scalars[index + 3] != "=", scalars[index + 3] != "!",
        let close = scalars[(index + 3)...].firstIndex(of: ">")
      {
        let name = String(String.UnicodeScalarView(scalars[(index + 3)..<close]))
        found.append(Reference(syntax: nil, name: name, type: nil))
        index = close + 1
        continue
      }
      index += 1
    }
    return found
  }
}
