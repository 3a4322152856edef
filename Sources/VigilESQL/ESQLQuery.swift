/// A parsed ES|QL query: its text and its pipeline of commands.
///
/// Build one with ``ESQLParser/parse(_:)``. Equality compares the commands structurally (ranges are ignored) and
/// the text.
public struct ESQLQuery: Hashable, Sendable {
  /// The query text the ranges point into.
  public var text: String
  public var commands: [ESQLCommand]

  public init(text: String, commands: [ESQLCommand]) {
    self.text = text
    self.commands = commands
  }

  /// The source text of a byte range of the query.
  public func text(of range: Range<Int>) -> String {
    let bytes = Array(text.utf8)
    let clamped = max(0, min(range.lowerBound, bytes.count))..<max(0, min(range.upperBound, bytes.count))
    return String(decoding: bytes[clamped], as: UTF8.self)
  }

  /// The name of the column an EVAL/STATS/BY item creates: its target, or else its expression's source text as
  /// written (Elasticsearch names `STATS COUNT(*)` column `COUNT(*)`, and `BY host.name` column `host.name`).
  public func columnName(of assignment: ESQLAssignment) -> String {
    if let target = assignment.target { return target }
    if let field = assignment.expression.fieldName { return field }
    return text(of: assignment.expression.range)
  }

  /// Whether the query aggregates (has `STATS` or `INLINE STATS`).
  public var isAggregating: Bool {
    commands.contains { if case .stats = $0.kind { true } else { false } }
  }

  /// Whether the query needs an inference endpoint (`COMPLETION`), which Vigil cannot provide: such a rule loads
  /// but is reported as not runnable.
  public var requiresInference: Bool {
    commands.contains { if case .completion = $0.kind { true } else { false } }
  }

  /// The `FROM` clause.
  public var from: ESQLFrom? {
    guard case .from(let from)? = commands.first?.kind else { return nil }
    return from
  }

  /// The index patterns of `FROM`.
  public var sourcePatterns: [String] { from?.sources.map(\.pattern) ?? [] }

  /// The metadata fields asked for with `FROM … METADATA` (`_id`, `_index`, `_version`, …), in order.
  public var metadataFields: [String] { from?.metadata.map(\.text) ?? [] }
}
