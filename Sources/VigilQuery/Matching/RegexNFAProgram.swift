/// A flat, epsilon-linked NFA for patterns whose DFA would be too large, run by simulating all threads at once
/// (a Pike VM without captures): O(input × states), never exponential.
struct RegexNFAProgram: Sendable, Hashable {
  /// CSR layout: the epsilon targets of state `s` are `epsilonTargets[epsilonStart[s]..<epsilonStart[s + 1]]`.
  let epsilonStart: [Int32]
  let epsilonTargets: [Int32]
  let edgeStart: [Int32]
  let edgeLo: [UInt32]
  let edgeHi: [UInt32]
  let edgeTo: [Int32]
  let start: Int32
  let accept: Int32
  /// States from which everything is accepted (see `RegexNFA.universalStates`).
  let universal: [Bool]

  var stateCount: Int { epsilonStart.count - 1 }

  init(_ nfa: RegexNFA, start: Int32, accept: Int32) {
    var es: [Int32] = [0]
    var et: [Int32] = []
    var gs: [Int32] = [0]
    var lo: [UInt32] = []
    var hi: [UInt32] = []
    var to: [Int32] = []
    for s in 0..<nfa.stateCount {
      et.append(contentsOf: nfa.epsilons[s])
      es.append(Int32(et.count))
      for e in nfa.edges[s] {
        lo.append(e.lo)
        hi.append(e.hi)
        to.append(e.to)
      }
      gs.append(Int32(to.count))
    }
    epsilonStart = es
    epsilonTargets = et
    edgeStart = gs
    edgeLo = lo
    edgeHi = hi
    edgeTo = to
    self.start = start
    self.accept = accept
    universal = nfa.universalStates(accept: accept)
  }

  /// Runs the automaton over `input`, folding scalars to lower case first when `fold` is set.
  func matches(_ input: UnsafeRawBufferPointer, fold: Bool) -> Bool {
    let m = stateCount
    // Scratch: current list, next list, DFS stack (m each), and a generation mark per state.
    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 4 * m) { scratch in
      let base = scratch.baseAddress!
      var cur = base
      var nxt = base + m
      let stack = base + 2 * m
      let mark = base + 3 * m
      mark.initialize(repeating: -1, count: m)
      var generation: Int32 = 0
      var curCount = addClosure(start, list: cur, count: 0, stack: stack, mark: mark, generation: generation)
      var i = 0
      let n = input.count
      while i < n && curCount > 0 {
        for k in 0..<curCount where universal[Int(cur[k])] { return true }
        var c: UInt32
        let b = input[i]
        if b < 0x80 {
          c = UInt32(b)
          i += 1
        } else {
          let d = UTF8Scalars.decode(input, at: i)
          c = d.scalar
          i += d.length
        }
        if fold { c = CaseFolding.lowercase(c) }
        generation &+= 1
        var nextCount = 0
        for k in 0..<curCount {
          let s = Int(cur[k])
          for e in Int(edgeStart[s])..<Int(edgeStart[s + 1]) where edgeLo[e] <= c && c <= edgeHi[e] {
            nextCount = addClosure(
              edgeTo[e], list: nxt, count: nextCount, stack: stack, mark: mark, generation: generation)
          }
        }
        swap(&cur, &nxt)
        curCount = nextCount
      }
      for k in 0..<curCount where cur[k] == accept { return true }
      return false
    }
  }

  /// Adds `state` and everything epsilon-reachable from it to `list` (once per generation); returns the new count.
  @inline(__always)
  private func addClosure(
    _ state: Int32, list: UnsafeMutablePointer<Int32>, count: Int, stack: UnsafeMutablePointer<Int32>,
    mark: UnsafeMutablePointer<Int32>, generation: Int32
  ) -> Int {
    var count = count
    guard mark[Int(state)] != generation else { return count }
    mark[Int(state)] = generation
    var top = 0
    stack[0] = state
    top = 1
    while top > 0 {
      top -= 1
      let s = stack[top]
      list[count] = s
      count += 1
      for k in Int(epsilonStart[Int(s)])..<Int(epsilonStart[Int(s) + 1]) {
        let t = epsilonTargets[k]
        if mark[Int(t)] != generation {
          mark[Int(t)] = generation
          stack[top] = t
          top += 1
        }
      }
    }
    return count
  }
}
