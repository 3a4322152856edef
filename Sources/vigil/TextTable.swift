/// A plain-text table with a header row, columns padded to their widest cell; columns marked shrinkable are cut
/// with an ellipsis so the table fits a terminal width.
struct TextTable {
  struct Column {
    var title: String
    var shrinkable = false
    var alignRight = false
  }

  var columns: [Column]
  var rows: [[String]] = []

  init(_ columns: [Column]) {
    self.columns = columns
  }

  mutating func append(_ row: [String]) {
    rows.append(row)
  }

  /// The table as lines; `width` limits the line length when given.
  func render(width: Int? = nil) -> String {
    var widths = columns.indices.map { index in
      ([columns[index].title] + rows.map { $0[index] }).map(\.count).max() ?? 0
    }
    let separator = 2
    if let width {
      let total = widths.reduce(0, +) + separator * (columns.count - 1)
      var excess = total - width
      for index in columns.indices where columns[index].shrinkable && excess > 0 {
        let minimum = max(columns[index].title.count, 12)
        let cut = min(excess, max(0, widths[index] - minimum))
        widths[index] -= cut
        excess -= cut
      }
    }
    let lines = ([columns.map(\.title)] + rows).map { row in
      columns.indices.map { index -> String in
        let cell = Self.fit(row[index], widths[index])
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        if index == columns.count - 1, !columns[index].alignRight { return cell }
        return columns[index].alignRight ? padding + cell : cell + padding
      }.joined(separator: String(repeating: " ", count: separator))
    }
    return lines.joined(separator: "\n")
  }

  private static func fit(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
  }
}
