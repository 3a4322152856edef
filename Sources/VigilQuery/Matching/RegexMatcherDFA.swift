/// The run-time form of a ``RegexDFA``: a dense transition table plus a 128-entry class table for ASCII (folded
/// already when matching is case-insensitive), with early exits on the dead state and on an accept-everything sink.
struct RegexMatcherDFA: Sendable, Hashable {
  let classStarts: [UInt32]
  let asciiClass: [Int32]
  let table: [Int32]
  let accepting: [Bool]
  let start: Int32
  let classCount: Int
  let fold: Bool
  /// A non-accepting state that loops on everything, or -1.
  let dead: Int32
  /// An accepting state that loops on everything, or -1.
  let acceptAll: Int32

  init(_ dfa: RegexDFA, fold: Bool) {
    classStarts = dfa.classStarts
    table = dfa.table
    accepting = dfa.accepting
    start = dfa.start
    classCount = dfa.classCount
    self.fold = fold
    asciiClass = (0..<128).map { b in
      Int32(dfa.classIndex(fold ? UInt32(CaseFolding.asciiLower(UInt8(b))) : UInt32(b)))
    }
    var dead: Int32 = -1
    var acceptAll: Int32 = -1
    for q in 0..<dfa.stateCount {
      let row = dfa.table[(q * dfa.classCount)..<((q + 1) * dfa.classCount)]
      guard row.allSatisfy({ $0 == Int32(q) }) else { continue }
      if dfa.accepting[q] { acceptAll = Int32(q) } else { dead = Int32(q) }
    }
    self.dead = dead
    self.acceptAll = acceptAll
  }

  @inline(__always)
  private func classIndex(_ c: UInt32) -> Int {
    classStarts.withUnsafeBufferPointer { starts in
      var lo = 0
      var hi = starts.count
      while hi - lo > 1 {
        let mid = (lo + hi) >> 1
        if starts[mid] <= c { lo = mid } else { hi = mid }
      }
      return lo
    }
  }

  func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    table.withUnsafeBufferPointer { table in
      asciiClass.withUnsafeBufferPointer { ascii in
        var q = Int(start)
        var i = 0
        let n = input.count
        let width = classCount
        let dead = Int(self.dead)
        let sink = Int(acceptAll)
        while i < n {
          if q == sink { return true }
          let b = input[i]
          let k: Int
          if b < 0x80 {
            k = Int(ascii[Int(b)])
            i += 1
          } else {
            let d = UTF8Scalars.decode(input, at: i)
            i += d.length
            k = classIndex(fold ? CaseFolding.lowercase(d.scalar) : d.scalar)
          }
          q = Int(table[q * width + k])
          if q == dead { return false }
        }
        return accepting[q]
      }
    }
  }
}
