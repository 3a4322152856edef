/// How a compiled regex runs: a substring search, one DFA, a simulated NFA, or any of several (a split union).
enum RegexEngine: Sendable, Hashable {
  /// A literal with optional `.*` on either side (`lit`, `lit.*`, `.*lit`, `.*lit.*`): the wildcard fast paths.
  case wildcard(WildcardPattern)
  case dfa(RegexMatcherDFA)
  case nfa(RegexNFAProgram, fold: Bool)
  case anyOf([RegexEngine])

  func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    switch self {
    case .wildcard(let pattern):
      return pattern.matches(input)
    case .dfa(let dfa): return dfa.matches(input)
    case .nfa(let program, let fold): return program.matches(input, fold: fold)
    case .anyOf(let engines):
      for e in engines where e.matches(input) { return true }
      return false
    }
  }

  var isDeterministic: Bool {
    switch self {
    case .wildcard, .dfa: true
    case .nfa: false
    case .anyOf(let engines): engines.allSatisfy(\.isDeterministic)
    }
  }

  /// Determinizes `node` if it fits; otherwise splits its widest union in halves and recurses; otherwise NFA.
  static func build(_ node: RegexNode, limits: LuceneRegex.Limits, fold: Bool) throws(RegexSyntaxError) -> RegexEngine {
    if let pattern = wildcardEquivalent(node, fold: fold) { return .wildcard(pattern) }
    var nfa = RegexNFA(stateLimit: limits.nfaStates, dfaStateLimit: limits.operatorDFAStates)
    let f = try nfa.build(node)
    if let dfa = try? RegexDFA.determinize(nfa, start: f.start, accept: f.end, stateLimit: limits.dfaStates) {
      return .dfa(RegexMatcherDFA(dfa.minimized(), fold: fold))
    }
    if let split = Split(node), split.alternatives.count > 1 {
      let mid = split.alternatives.count / 2
      var parts: [RegexEngine] = []
      for group in [split.alternatives[..<mid], split.alternatives[mid...]] {
        switch try build(split.joined(Array(group)), limits: limits, fold: fold) {
        case .anyOf(let inner): parts += inner
        case let engine: parts.append(engine)
        }
      }
      return .anyOf(parts)
    }
    return .nfa(RegexNFAProgram(nfa, start: f.start, accept: f.end), fold: fold)
  }

  /// The glob for a node that is a literal with optional any-string on either end (single scalars and strings only,
  /// so case-sensitive or folded literals; Lucene's ASCII case mode makes two-scalar sets and never qualifies).
  static func wildcardEquivalent(_ node: RegexNode, fold: Bool) -> WildcardPattern? {
    var items: [RegexNode]
    switch node {
    case .concat(let list): items = list
    case .string, .set: items = [node]
    default: return nil
    }
    let leading = items.first.map(isAnyString) ?? false
    if leading { items.removeFirst() }
    let trailing = items.last.map(isAnyString) ?? false
    if trailing { items.removeLast() }
    var glob = String.UnicodeScalarView()
    if leading { glob.append("*") }
    for item in items {
      var scalars: [UInt32]
      switch item {
      case .string(let s): scalars = s
      case .set(let set) where set.ranges.count == 1 && set.ranges[0].count == 1: scalars = [set.ranges[0].lowerBound]
      default: return nil
      }
      for c in scalars {
        guard let scalar = Unicode.Scalar(c) else { return nil }
        if c == 0x2A || c == 0x3F || c == 0x5C { glob.append("\\") }
        glob.append(scalar)
      }
    }
    if trailing { glob.append("*") }
    return WildcardPattern(String(glob), escaping: .backslashAny, caseInsensitive: fold)
  }

  private static func isAnyString(_ node: RegexNode) -> Bool {
    switch node {
    case .anyString: true
    case .repeat(.set(let set), 0, nil): set == .all
    default: false
    }
  }

  /// A node seen as `prefix (a1|a2|…) suffix`, by concatenation distributing over union.
  private struct Split {
    var prefix: [RegexNode] = []
    var alternatives: [RegexNode]
    var suffix: [RegexNode] = []

    init?(_ node: RegexNode) {
      switch node {
      case .union(let alts):
        alternatives = alts
      case .concat(let items):
        var best = -1
        for (k, item) in items.enumerated() {
          if case .union(let alts) = item, best < 0 || alts.count > Split.width(items[best]) { best = k }
        }
        guard best >= 0, case .union(let alts) = items[best] else { return nil }
        prefix = Array(items[..<best])
        alternatives = alts
        suffix = Array(items[(best + 1)...])
      default:
        return nil
      }
    }

    private static func width(_ node: RegexNode) -> Int {
      if case .union(let alts) = node { return alts.count }
      return 0
    }

    func joined(_ group: [RegexNode]) -> RegexNode {
      let middle = group.count == 1 ? group[0] : .union(group)
      if prefix.isEmpty && suffix.isEmpty { return middle }
      return .concat(prefix + [middle] + suffix)
    }
  }
}
