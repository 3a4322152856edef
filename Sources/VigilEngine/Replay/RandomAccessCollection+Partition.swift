extension RandomAccessCollection {
  /// The first index where `predicate` holds, for a predicate that is false up to some index and true from there on
  /// (a binary search); `endIndex` when it never holds.
  func partitionPoint(where predicate: (Element) throws -> Bool) rethrows -> Index {
    var low = startIndex
    var count = self.count
    while count > 0 {
      let half = count / 2
      let middle = index(low, offsetBy: half)
      if try predicate(self[middle]) {
        count = half
      } else {
        low = index(after: middle)
        count -= half + 1
      }
    }
    return low
  }
}
