/// A total deterministic automaton over scalar classes: the alphabet is cut into intervals (`classStarts`) that no
/// transition distinguishes, and `table[state * classCount + class]` is the next state. In automata from
/// `determinize`, state 0 is the empty subset: dead.
struct RegexDFA: Sendable, Hashable {
  /// First scalar of each class, ascending, starting at 0.
  var classStarts: [UInt32]
  var table: [Int32]
  var accepting: [Bool]
  var start: Int32

  var classCount: Int { classStarts.count }
  var stateCount: Int { accepting.count }

  func classEnd(_ k: Int) -> UInt32 { k + 1 < classStarts.count ? classStarts[k + 1] - 1 : ScalarSet.maxScalar }

  /// The class holding scalar `c`.
  func classIndex(_ c: UInt32) -> Int {
    var lo = 0
    var hi = classStarts.count
    while hi - lo > 1 {
      let mid = (lo + hi) >> 1
      if classStarts[mid] <= c { lo = mid } else { hi = mid }
    }
    return lo
  }

  /// Upper bound on `states × classes` of any DFA built (16 MB of table).
  static let maxTableEntries = 1 << 22

  static func tooComplex(_ limit: Int) -> RegexSyntaxError {
    RegexSyntaxError(
      "determinizing the automaton would result in more than \(limit) states (too complex to determinize)", offset: 0)
  }

  /// Builds `node` as an NFA and determinizes it.
  static func determinize(_ node: RegexNode, stateLimit: Int, nfaStateLimit: Int) throws(RegexSyntaxError) -> RegexDFA {
    var nfa = RegexNFA(stateLimit: nfaStateLimit, dfaStateLimit: stateLimit)
    let f = try nfa.build(node)
    return try determinize(nfa, start: f.start, accept: f.end, stateLimit: stateLimit)
  }

  /// Subset construction, failing once more than `stateLimit` states would be needed.
  static func determinize(_ nfa: RegexNFA, start: Int32, accept: Int32, stateLimit: Int) throws(RegexSyntaxError)
    -> RegexDFA
  {
    var bounds: Set<UInt32> = [0]
    for list in nfa.edges {
      for e in list {
        bounds.insert(e.lo)
        if e.hi < ScalarSet.maxScalar { bounds.insert(e.hi + 1) }
      }
    }
    let starts = bounds.sorted()
    var dfa = RegexDFA(classStarts: starts, table: [], accepting: [], start: 0)
    let classCount = starts.count
    var important = [Bool](repeating: false, count: nfa.stateCount)
    for s in 0..<nfa.stateCount { important[s] = !nfa.edges[s].isEmpty || s == Int(accept) }

    let universal = nfa.universalStates(accept: accept)
    var seen = [Bool](repeating: false, count: nfa.stateCount)
    var stack: [Int32] = []
    // Any subset holding a universal state accepts everything: all such subsets share one sink state.
    let sinkKey: [Int32] = [-1]
    var ids: [StateListKey: Int32] = [StateListKey([]): 0]
    var sets: [[Int32]] = [[]]
    dfa.accepting = [false]

    func intern(_ seeds: [Int32]) throws(RegexSyntaxError) -> Int32 {
      let closure = nfa.closure(seeds, into: &seen, stack: &stack)
      let key = closure.contains { universal[Int($0)] } ? sinkKey : closure.filter { important[Int($0)] }
      if let id = ids[StateListKey(key)] { return id }
      // Bound the table too: many classes (huge character sets) make each state expensive.
      guard sets.count < stateLimit, (sets.count + 1) * classCount <= maxTableEntries else {
        throw tooComplex(stateLimit)
      }
      let id = Int32(sets.count)
      ids[StateListKey(key)] = id
      sets.append(key)
      dfa.accepting.append(key == sinkKey || key.contains(accept))
      return id
    }

    dfa.start = try intern([start])
    var buckets = [[Int32]](repeating: [], count: classCount)
    var touched: [Int] = []
    // Many (state, class) pairs step to the same NFA states: remember their DFA state, skipping the closure.
    var stepTargets: [StateListKey: Int32] = [:]
    var q = 0
    while q < sets.count {
      var row = [Int32](repeating: 0, count: classCount)
      if sets[q] == sinkKey {
        row = [Int32](repeating: Int32(q), count: classCount)
      } else if q != 0 {
        for s in sets[q] {
          for e in nfa.edges[Int(s)] {
            for k in dfa.classIndex(e.lo)...dfa.classIndex(e.hi) {
              if buckets[k].isEmpty { touched.append(k) }
              buckets[k].append(e.to)
            }
          }
        }
        for k in touched {
          var targets = buckets[k]
          targets.sort()
          if let id = stepTargets[StateListKey(targets)] {
            row[k] = id
          } else {
            let id = try intern(targets)
            stepTargets[StateListKey(targets)] = id
            row[k] = id
          }
          buckets[k].removeAll(keepingCapacity: true)
        }
        touched.removeAll(keepingCapacity: true)
      }
      dfa.table.append(contentsOf: row)
      q += 1
    }
    return dfa
  }

  /// Accepts exactly the strings this automaton rejects.
  func complemented() -> RegexDFA {
    var d = self
    d.accepting = accepting.map { !$0 }
    return d
  }

  /// The product automaton accepting strings both accept.
  func intersected(with other: RegexDFA, stateLimit: Int) throws(RegexSyntaxError) -> RegexDFA {
    let starts = Set(classStarts).union(other.classStarts).sorted()
    let mapA = starts.map(classIndex)
    let mapB = starts.map(other.classIndex)
    let n = starts.count
    var result = RegexDFA(classStarts: starts, table: [], accepting: [], start: 0)
    var ids: [Int64: Int32] = [:]
    var pairs: [(Int32, Int32)] = []
    func intern(_ a: Int32, _ b: Int32) throws(RegexSyntaxError) -> Int32 {
      let key = Int64(a) << 32 | Int64(b)
      if let id = ids[key] { return id }
      guard pairs.count < stateLimit else { throw Self.tooComplex(stateLimit) }
      let id = Int32(pairs.count)
      ids[key] = id
      pairs.append((a, b))
      result.accepting.append(accepting[Int(a)] && other.accepting[Int(b)])
      return id
    }
    result.start = try intern(start, other.start)
    var q = 0
    while q < pairs.count {
      let (a, b) = pairs[q]
      for k in 0..<n {
        let ta = table[Int(a) * classCount + mapA[k]]
        let tb = other.table[Int(b) * other.classCount + mapB[k]]
        result.table.append(try intern(ta, tb))
      }
      q += 1
    }
    return result
  }

  /// For each state, whether an accepting state is reachable from it.
  func liveStates() -> [Bool] {
    var reverse = [[Int32]](repeating: [], count: stateCount)
    for q in 0..<stateCount {
      for k in 0..<classCount { reverse[Int(table[q * classCount + k])].append(Int32(q)) }
    }
    var live = accepting
    var stack = (0..<stateCount).filter { live[$0] }.map(Int32.init)
    while let s = stack.popLast() {
      for p in reverse[Int(s)] where !live[Int(p)] {
        live[Int(p)] = true
        stack.append(p)
      }
    }
    return live
  }
}

extension RegexDFA {
  /// The equivalent DFA with the fewest states (Moore's partition refinement), so tables stay small and hot.
  func minimized() -> RegexDFA {
    let n = stateCount
    let c = classCount
    var block = accepting.map { Int32($0 ? 1 : 0) }
    var blockCount = Set(block).count
    while true {
      var ids: [StateListKey: Int32] = [:]
      var next = [Int32](repeating: 0, count: n)
      var signature = [Int32](repeating: 0, count: c + 1)
      for q in 0..<n {
        signature[0] = block[q]
        for k in 0..<c { signature[k + 1] = block[Int(table[q * c + k])] }
        if let id = ids[StateListKey(signature)] {
          next[q] = id
        } else {
          let id = Int32(ids.count)
          ids[StateListKey(signature)] = id
          next[q] = id
        }
      }
      block = next
      if ids.count == blockCount { break }
      blockCount = ids.count
    }
    var result = RegexDFA(classStarts: classStarts, table: [], accepting: [], start: block[Int(start)])
    var representative = [Int](repeating: -1, count: blockCount)
    for q in 0..<n where representative[Int(block[q])] < 0 { representative[Int(block[q])] = q }
    result.table.reserveCapacity(blockCount * c)
    for b in 0..<blockCount {
      let q = representative[b]
      for k in 0..<c { result.table.append(block[Int(table[q * c + k])]) }
      result.accepting.append(accepting[q])
    }
    return result
  }
}
