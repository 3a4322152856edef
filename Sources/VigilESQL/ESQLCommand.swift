/// One command of an ES|QL pipeline (`FROM …`, `| WHERE …`, …) and the byte range it covers.
public struct ESQLCommand: Hashable, Sendable {
  /// The command and its arguments.
  public enum Kind: Hashable, Sendable {
    case from(ESQLFrom)
    case `where`(ESQLExpression)
    case eval([ESQLAssignment])
    /// `STATS` or, when `inline` is set, `INLINE STATS` (also spelled `INLINESTATS`).
    case stats(ESQLStats)
    case keep([ESQLNamePattern])
    case drop([ESQLNamePattern])
    case rename([ESQLRename])
    case sort([ESQLSortKey])
    case limit(Int64)
    case mvExpand(ESQLNamePattern)
    case dissect(ESQLDissect)
    case grok(ESQLGrok)
    /// `COMPLETION`: parsed, but needs an inference endpoint and so cannot run outside Elasticsearch.
    case completion(ESQLCompletion)
  }

  public var kind: Kind
  @ESQLSourceRange public var range: Range<Int>

  public init(_ kind: Kind, range: Range<Int>) {
    self.kind = kind
    self.range = range
  }

  /// The command keyword(s) as printed: `FROM`, `INLINE STATS`, `MV_EXPAND`, …
  public var name: String {
    switch kind {
    case .from: "FROM"
    case .where: "WHERE"
    case .eval: "EVAL"
    case .stats(let stats): stats.inline ? "INLINE STATS" : "STATS"
    case .keep: "KEEP"
    case .drop: "DROP"
    case .rename: "RENAME"
    case .sort: "SORT"
    case .limit: "LIMIT"
    case .mvExpand: "MV_EXPAND"
    case .dissect: "DISSECT"
    case .grok: "GROK"
    case .completion: "COMPLETION"
    }
  }
}
