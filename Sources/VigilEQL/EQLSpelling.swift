/// Spelling suggestions for unknown names ("did you mean …?").
enum EQLSpelling {
  /// Whether two names are within a small edit distance, ignoring case.
  static func isSimilar(_ a: String, _ b: String) -> Bool {
    let x = Array(a.lowercased().unicodeScalars)
    let y = Array(b.lowercased().unicodeScalars)
    if x == y { return true }
    let limit = max(1, min(x.count, y.count) / 3)
    guard abs(x.count - y.count) <= limit else { return false }
    var previous = Array(0...y.count)
    for i in 1...max(1, x.count) where !x.isEmpty {
      var row = [i] + Array(repeating: 0, count: y.count)
      for j in 1...max(1, y.count) where !y.isEmpty {
        row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
      }
      previous = row
    }
    return previous[y.count] <= limit
  }
}
