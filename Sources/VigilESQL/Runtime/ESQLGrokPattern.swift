/// A compiled `GROK` pattern: the expanded regex (see ``ESQLGrokLibrary/expand(_:)``) run unanchored, as grok
/// searches its input, with one column per named capture, converted to its `:int`, `:long`, `:float`, `:double`
/// or `:boolean` type.
struct ESQLGrokPattern: Sendable {
  var regexes: [(ESQLJavaRegex, [ESQLGrokLibrary.Expansion.Capture])]
  var columns: [String]

  init(_ grok: ESQLGrok) throws {
    regexes = []
    columns = []
    for pattern in grok.patterns {
      let expansion = try ESQLGrokLibrary.expand(pattern)
      regexes.append((try ESQLJavaRegex(expansion.regex), expansion.captures))
      for capture in expansion.captures where !columns.contains(capture.name) { columns.append(capture.name) }
    }
  }

  /// The columns' values for `text` (a name captured twice gets both values); `nil` when no pattern matches.
  func match(_ text: String) -> [String: ESQLValue]? {
    for (regex, captures) in regexes {
      guard let groups = regex.firstGroups(in: text) else { continue }
      var found: [String: [ESQLValue]] = [:]
      for (capture, group) in zip(captures, groups) {
        guard let group else { continue }
        found[capture.name, default: []].append(Self.typed(group, capture.type))
      }
      return found.mapValues { ESQLValue.list($0) }
    }
    return nil
  }

  private static func typed(_ text: String, _ type: String?) -> ESQLValue {
    switch type?.lowercased() {
    case "int", "long": Int64(text).map(ESQLValue.integer) ?? .null
    case "float", "double": Double(text).map(ESQLValue.double) ?? .null
    case "boolean": .boolean(text.lowercased() == "true")
    default: .string(text)
    }
  }
}
