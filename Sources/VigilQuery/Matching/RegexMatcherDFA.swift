/// The run-time form of a ``RegexDFA``: a dense transition table plus a 128-entry class table for ASCII (folded
/// already when matching is case-insensitive), with early exits on the dead state and on an accept-everything sink.
///
/// States are stored premultiplied (a state is the offset of its row), which takes the multiply off the
/// load-to-load dependency chain of the inner loop. A state that loops on every scalar but one or two ASCII bytes
/// (the start of `.*(AKIA|ASIA)…`, the waiting state of `.*\.(top|…)`) is *accelerated*: transitions into it are
/// stored complemented (`~offset`), and the matcher then skips eight bytes at a time to the next byte that can leave.
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
  /// By state number: the bytes that leave an accelerated state (equal when only one does).
  let accelFirst: [UInt8]
  let accelSecond: [UInt8]
  /// Whether the start state is accelerated (transitions into other states carry it in their sign).
  let startAccelerated: Bool

  init(_ dfa: RegexDFA, fold: Bool) {
    let width = dfa.classCount
    classStarts = dfa.classStarts
    accepting = dfa.accepting
    start = dfa.start
    classCount = width
    self.fold = fold
    let ascii = (0..<128).map { b in
      Int32(dfa.classIndex(fold ? UInt32(CaseFolding.asciiLower(UInt8(b))) : UInt32(b)))
    }
    asciiClass = ascii
    var dead: Int32 = -1
    var acceptAll: Int32 = -1
    var first = [UInt8](repeating: 0, count: dfa.stateCount)
    var second = [UInt8](repeating: 0, count: dfa.stateCount)
    var accelerated = [Bool](repeating: false, count: dfa.stateCount)
    let firstNonASCIIClass = dfa.classIndex(0x80)
    for q in 0..<dfa.stateCount {
      let row = dfa.table[(q * width)..<((q + 1) * width)]
      if row.allSatisfy({ $0 == Int32(q) }) {
        if dfa.accepting[q] { acceptAll = Int32(q * width) } else { dead = Int32(q * width) }
        continue
      }
      // Non-ASCII scalars must all loop (the skip stops at them anyway, but then they are processed one by one).
      guard (firstNonASCIIClass..<width).allSatisfy({ dfa.table[q * width + $0] == Int32(q) }) else { continue }
      let exits = (0..<128).filter { dfa.table[q * width + Int(ascii[$0])] != Int32(q) }
      guard (1...2).contains(exits.count) else { continue }
      accelerated[q] = true
      first[q] = UInt8(exits[0])
      second[q] = UInt8(exits[exits.count - 1])
    }
    table = dfa.table.map { t in
      let offset = Int32(Int(t) * width)
      return accelerated[Int(t)] ? ~offset : offset
    }
    accelFirst = first
    accelSecond = second
    startAccelerated = accelerated[Int(dfa.start)]
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
    let startOffset = Int(start) * classCount
    guard n > 0, let raw = input.baseAddress else { return accepting[Int(start)] }
    let bytes = raw.assumingMemoryBound(to: UInt8.self)
    return table.withUnsafeBufferPointer { tableBuffer in
      asciiClass.withUnsafeBufferPointer { asciiBuffer in
        // Raw pointers: indices are in range by construction (classes < width, states < table rows).
        let table = tableBuffer.baseAddress!
        let ascii = asciiBuffer.baseAddress!
        let width = classCount
        var q = startOffset
        var accelerate = startAccelerated
        var i = 0
        let dead = Int(self.dead)
        let sink = Int(acceptAll)
        while i < n {
          if accelerate {
            let state = q / width
            guard
              let j = ByteSearch.firstCandidate(in: input, from: i, limit: n, accelFirst[state], accelSecond[state])
            else { break }
            i = j
          }
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
          let t = Int(table[q &+ k])
          accelerate = t < 0
          q = accelerate ? ~t : t
          if q == dead { return false }
          if q == sink { return true }
        }
        return accepting[q / width]
      }
    }
  }
}
