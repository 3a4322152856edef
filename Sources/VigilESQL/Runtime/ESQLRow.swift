/// One row of an ES|QL result: named columns in order, and the index of the event it came from.
public struct ESQLRow: Hashable, Sendable {
  /// Column names, in output order.
  public var columns: [String]
  /// One value per column.
  public var values: [ESQLValue]
  /// The position, among the events fed to the run, of the event this row was built from; `nil` for rows that
  /// `STATS` made (they aggregate several events). `INLINE STATS`, `MV_EXPAND` and the other row commands keep it.
  public var source: Int?

  public init(columns: [String] = [], values: [ESQLValue] = [], source: Int? = nil) {
    self.columns = columns
    self.values = values
    self.source = source
  }

  /// The value of a column; `null` when the row has no such column.
  public subscript(column: String) -> ESQLValue {
    guard let index = columns.firstIndex(of: column) else { return .null }
    return values[index]
  }

  /// Sets a column: an existing column of that name is removed and the new one appended, as `EVAL` does.
  mutating func append(_ column: String, _ value: ESQLValue) {
    if let index = columns.firstIndex(of: column) {
      columns.remove(at: index)
      values.remove(at: index)
    }
    columns.append(column)
    values.append(value)
  }

  /// Keeps the columns at `indices`, in that order.
  mutating func project(_ indices: [Int]) {
    columns = indices.map { columns[$0] }
    values = indices.map { values[$0] }
  }
}
