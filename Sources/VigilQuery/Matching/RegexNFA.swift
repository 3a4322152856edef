/// A Thompson NFA under construction: states with epsilon moves and scalar-range edges.
///
/// Only used at compile time; the matcher runs on ``RegexDFA`` or the flat ``RegexNFAProgram``.
struct RegexNFA {
  struct Edge: Hashable {
    var lo: UInt32
    var hi: UInt32
    var to: Int32
  }

  var epsilons: [[Int32]] = []
  var edges: [[Edge]] = []
  /// Upper bound on states, so patterns like `(a{1000}){1000}` fail cleanly instead of exhausting memory.
  let stateLimit: Int
  /// Bound on the states of the DFAs built for `&` and `~`.
  let dfaStateLimit: Int

  init(stateLimit: Int, dfaStateLimit: Int) {
    self.stateLimit = stateLimit
    self.dfaStateLimit = dfaStateLimit
  }

  var stateCount: Int { edges.count }

  mutating func newState() throws(RegexSyntaxError) -> Int32 {
    guard edges.count < stateLimit else {
      throw RegexSyntaxError("regular expression is too complex: more than \(stateLimit) automaton states", offset: 0)
    }
    epsilons.append([])
    edges.append([])
    return Int32(edges.count - 1)
  }

  mutating func epsilon(_ from: Int32, _ to: Int32) { epsilons[Int(from)].append(to) }

  mutating func edge(_ from: Int32, _ lo: UInt32, _ hi: UInt32, _ to: Int32) {
    edges[Int(from)].append(Edge(lo: lo, hi: hi, to: to))
  }

  /// Adds the states for `node`; returns its entry and exit states.
  mutating func build(_ node: RegexNode) throws(RegexSyntaxError) -> (start: Int32, end: Int32) {
    switch node {
    case .set(let set):
      let s = try newState()
      let e = try newState()
      for r in set.ranges { edge(s, r.lowerBound, r.upperBound, e) }
      return (s, e)
    case .string(let scalars):
      let s = try newState()
      var cur = s
      for c in scalars {
        let n = try newState()
        edge(cur, c, c, n)
        cur = n
      }
      return (s, cur)
    case .emptyLanguage:
      return (try newState(), try newState())
    case .anyString:
      let s = try newState()
      let e = try newState()
      edge(s, 0, ScalarSet.maxScalar, s)
      epsilon(s, e)
      return (s, e)
    case .concat(let items):
      let s = try newState()
      var cur = s
      for item in items {
        let f = try build(item)
        epsilon(cur, f.start)
        cur = f.end
      }
      return (s, cur)
    case .union(let items):
      let s = try newState()
      let e = try newState()
      for item in items {
        let f = try build(item)
        epsilon(s, f.start)
        epsilon(f.end, e)
      }
      return (s, e)
    case .repeat(let sub, let min, let max):
      let s = try newState()
      if let max, min > max { return (s, try newState()) }
      var cur = s
      for _ in 0..<min {
        let f = try build(sub)
        epsilon(cur, f.start)
        cur = f.end
      }
      let e = try newState()
      if let max {
        for _ in min..<max {
          let f = try build(sub)
          epsilon(cur, f.start)
          epsilon(cur, e)
          cur = f.end
        }
        epsilon(cur, e)
      } else {
        let f = try build(sub)
        epsilon(cur, f.start)
        epsilon(cur, e)
        epsilon(f.end, f.start)
        epsilon(f.end, e)
      }
      return (s, e)
    case .interval(let min, let max, let digits):
      return try build(.decimalInterval(min: min, max: max, digits: digits))
    case .complement(let sub):
      let dfa = try RegexDFA.determinize(sub, stateLimit: dfaStateLimit, nfaStateLimit: stateLimit).complemented()
      return try embed(dfa)
    case .intersection(let a, let b):
      let da = try RegexDFA.determinize(a, stateLimit: dfaStateLimit, nfaStateLimit: stateLimit)
      let db = try RegexDFA.determinize(b, stateLimit: dfaStateLimit, nfaStateLimit: stateLimit)
      return try embed(da.intersected(with: db, stateLimit: dfaStateLimit))
    }
  }

  /// Copies the useful states of a DFA (those that can reach an accepting state) in as NFA states.
  mutating func embed(_ dfa: RegexDFA) throws(RegexSyntaxError) -> (start: Int32, end: Int32) {
    let live = dfa.liveStates()
    var map = [Int32](repeating: -1, count: dfa.stateCount)
    for q in 0..<dfa.stateCount where live[q] { map[q] = try newState() }
    let entry = try newState()
    let exit = try newState()
    if map[Int(dfa.start)] >= 0 { epsilon(entry, map[Int(dfa.start)]) }
    for q in 0..<dfa.stateCount where live[q] {
      if dfa.accepting[q] { epsilon(map[q], exit) }
      var k = 0
      while k < dfa.classCount {
        let t = dfa.table[q * dfa.classCount + k]
        var j = k
        while j + 1 < dfa.classCount && dfa.table[q * dfa.classCount + j + 1] == t { j += 1 }
        if map[Int(t)] >= 0 { edge(map[q], dfa.classStarts[k], dfa.classEnd(j), map[Int(t)]) }
        k = j + 1
      }
    }
    return (entry, exit)
  }

  /// States from which every string is accepted: `z` qualifies when its closure holds `accept` and a state with an
  /// edge on every scalar back to `z` (the loop of a trailing `.*` or `@`). Used to stop early once one is reached.
  func universalStates(accept: Int32) -> [Bool] {
    var universal = [Bool](repeating: false, count: stateCount)
    var seen = [Bool](repeating: false, count: stateCount)
    var stack: [Int32] = []
    for y in 0..<stateCount {
      for e in edges[y] where e.lo == 0 && e.hi == ScalarSet.maxScalar && !universal[Int(e.to)] {
        let cl = closure([e.to], into: &seen, stack: &stack)
        if cl.contains(accept) && cl.contains(Int32(y)) { universal[Int(e.to)] = true }
      }
    }
    return universal
  }

  /// The states reachable from `seeds` by epsilon moves, `seeds` included, sorted.
  func closure(_ seeds: [Int32], into seen: inout [Bool], stack: inout [Int32]) -> [Int32] {
    var out: [Int32] = []
    stack.removeAll(keepingCapacity: true)
    for s in seeds where !seen[Int(s)] {
      seen[Int(s)] = true
      stack.append(s)
    }
    while let s = stack.popLast() {
      out.append(s)
      for t in epsilons[Int(s)] where !seen[Int(t)] {
        seen[Int(t)] = true
        stack.append(t)
      }
    }
    for s in out { seen[Int(s)] = false }
    out.sort()
    return out
  }
}
