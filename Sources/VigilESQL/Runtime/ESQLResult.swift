/// The rows a run produced.
public struct ESQLResult: Hashable, Sendable {
  /// Every column of the rows, in order of first appearance.
  public var columns: [String]
  public var rows: [ESQLRow]
  /// How many warnings the run raised (multi-values given to single-value operations, overflows, failed
  /// conversions), where Elasticsearch adds `Warning` headers to the response.
  public var warnings: Int
}
