/// The run-time form of a ``RegexDFA``: a dense transition table plus a 128-entry class table for ASCII (folded
/// already when matching is case-insensitive), with early exits on the dead state and on an accept-everything sink.
///
/// States are stored premultiplied (a state is the offset of its row), which takes the multiply off the
/// load-to-load dependency chain of the inner loop.
struct RegexMatcherDFA: Sendable, Hashable {
  let classStarts: [UInt32]
  let asciiClass: [Int32]
  /// Row offset of the next state, by row offset of the current state plus class.
  let table: [Int32]
  /// By state number (row offset / class count).
  let accepting: [Bool]
  let start: Int32
  let classCount: Int
  let fold: Bool
  /// Row offset of a non-accepting state that loops on everything, or -1.
  let dead: Int32
  /// Row offset of an accepting state that loops on everything, or -1.
  let acceptAll: Int32

  init(_ dfa: RegexDFA, fold: Bool) {
    classStarts = dfa.classStarts
    table = dfa.table.map { Int32(Int($0) * dfa.classCount) }
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
      if dfa.accepting[q] { acceptAll = Int32(q * dfa.classCount) } else { dead = Int32(q * dfa.classCount) }
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
    let n = input.count
    guard n > 0, let raw = input.baseAddress else { return accepting[Int(start)] }
    let bytes = raw.assumingMemoryBound(to: UInt8.self)
    return table.withUnsafeBufferPointer { tableBuffer in
      asciiClass.withUnsafeBufferPointer { asciiBuffer in
        // Raw pointers: indices are in range by construction (classes < width, states < table rows).
        let table = tableBuffer.baseAddress!
        let ascii = asciiBuffer.baseAddress!
        var q = Int(start) * classCount
        var i = 0
        let dead = Int(self.dead)
        let sink = Int(acceptAll)
        while i < n {
          let b = bytes[i]
          let k: Int
          if b < 0x80 {
            k = Int(ascii[Int(b)])
            i += 1
          } else {
            let d = UTF8Scalars.decode(input, at: i)
            i += d.length
            k = classIndex(fold ? CaseFolding.lowercase(d.scalar) : d.scalar)
          }
          q = Int(table[q &+ k])
          if q == dead { return false }
          if q == sink { return true }
        }
        return accepting[q / classCount]
      }
    }
  }
}
