/// The arguments of `DISSECT input "pattern" [APPEND_SEPARATOR = "sep"]`.
public struct ESQLDissect: Hashable, Sendable {
  public var input: ESQLExpression
  public var pattern: String
  @ESQLSourceRange public var patternRange: Range<Int>
  /// The `APPEND_SEPARATOR` option, used to join `%{+key}` parts.
  public var appendSeparator: String?

  public init(input: ESQLExpression, pattern: String, patternRange: Range<Int>, appendSeparator: String?) {
    self.input = input
    self.pattern = pattern
    self.patternRange = patternRange
    self.appendSeparator = appendSeparator
  }

  /// The columns the pattern creates, in order of first appearance: `%{name}`, `%{+name}`, `%{name->}`; skipped
  /// keys (`%{}`, `%{?name}`) and reference keys (`%{*name}`/`%{&name}`, whose names come from the data) are left
  /// out.
  public var keys: [String] {
    var names: [String] = []
    var rest = Substring(pattern)
    while let open = rest.firstRange(of: "%{") {
      guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
      var key = rest[open.upperBound..<close]
      rest = rest[rest.index(after: close)...]
      if key.hasSuffix("->") { key = key.dropLast(2) }
      if let slash = key.firstIndex(of: "/") { key = key[..<slash] }
      if key.first == "?" || key.first == "*" || key.first == "&" || key.isEmpty { continue }
      if key.first == "+" { key = key.dropFirst() }
      if !key.isEmpty, !names.contains(String(key)) { names.append(String(key)) }
    }
    return names
  }
}
