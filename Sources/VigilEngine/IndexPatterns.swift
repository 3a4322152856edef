import VigilQuery

/// A rule's `index` patterns, matched against an event's index as Elasticsearch resolves them: `*` wildcards,
/// patterns starting with `-` exclude, and a data stream's backing index (`.ds-logs-x-default-2026.11.02-000001`)
/// counts as the data stream (`logs-x-default`).
public struct IndexPatterns: Sendable {
  private let includes: [WildcardPattern]
  private let excludes: [WildcardPattern]

  /// Patterns as a rule lists them; an empty list matches every index (Kibana's default index setting covers the
  /// usual data).
  public init(_ patterns: [String]) {
    includes = patterns.filter { !$0.hasPrefix("-") }.map { WildcardPattern($0, escaping: .none) }
    excludes = patterns.filter { $0.hasPrefix("-") }.map { WildcardPattern(String($0.dropFirst()), escaping: .none) }
  }

  /// Whether an event from `index` is searched; an event whose index is unknown (`nil`) is seen by every rule.
  public func matches(_ index: String?) -> Bool {
    guard let index, !includes.isEmpty else { return true }
    let name = Self.dataStreamName(ofBackingIndex: index) ?? index
    guard includes.contains(where: { $0.matches(name) || $0.matches(index) }) else { return false }
    return !excludes.contains { $0.matches(name) || $0.matches(index) }
  }

  /// `logs-x-default` for `.ds-logs-x-default-2026.11.02-000001`; `nil` for other names.
  static func dataStreamName(ofBackingIndex index: String) -> String? {
    guard index.hasPrefix(".ds-") else { return nil }
    let parts = index.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts.last!.allSatisfy(\.isNumber), parts[parts.count - 2].contains(".") else {
      return nil
    }
    return parts.dropLast(2).joined(separator: "-")
  }
}
