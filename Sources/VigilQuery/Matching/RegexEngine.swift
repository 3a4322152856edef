/// How a compiled regex runs: a substring search, one DFA, a simulated NFA, or any of several (a split union).
indirect enum RegexEngine: Sendable, Hashable {
  /// `.*literal.*`, case-sensitive: a `memchr`/`memcmp` substring search.
  case contains([UInt8])
  case dfa(RegexMatcherDFA)
  case nfa(RegexNFAProgram, fold: Bool)
  case anyOf([RegexEngine])

  func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    switch self {
    case .contains(let needle):
      return needle.withUnsafeBytes { ByteSearch.firstIndex(of: $0, in: input, from: 0, limit: input.count) != nil }
    case .dfa(let dfa): return dfa.matches(input)
    case .nfa(let program, let fold): return program.matches(input, fold: fold)
    case .anyOf(let engines):
      for e in engines where e.matches(input) { return true }
      return false
    }
  }

  var isDeterministic: Bool {
    switch self {
    case .contains, .dfa: true
    case .nfa: false
    case .anyOf(let engines): engines.allSatisfy(\.isDeterministic)
    }
  }

  /// Determinizes `node` if it fits; otherwise splits its widest union in halves and recurses; otherwise NFA.
  static func build(_ node: RegexNode, limits: LuceneRegex.Limits, fold: Bool) throws(RegexSyntaxError) -> RegexEngine {
    if !fold, let needle = containedLiteral(node) { return .contains(needle) }
    var nfa = RegexNFA(stateLimit: limits.nfaStates, dfaStateLimit: limits.operatorDFAStates)
    let f = try nfa.build(node)
    if let dfa = try? RegexDFA.determinize(nfa, start: f.start, accept: f.end, stateLimit: limits.dfaStates) {
      return .dfa(RegexMatcherDFA(dfa, fold: fold))
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

  /// The UTF-8 literal of a `.*literal.*` node (any-string on both ends, single scalars or strings between).
  static func containedLiteral(_ node: RegexNode) -> [UInt8]? {
    guard case .concat(let items) = node, items.count >= 2, isAnyString(items[0]), isAnyString(items[items.count - 1])
    else { return nil }
    var bytes: [UInt8] = []
    for item in items[1..<(items.count - 1)] {
      switch item {
      case .string(let scalars): for c in scalars { UTF8Scalars.encode(c, into: &bytes) }
      case .set(let set) where set.ranges.count == 1 && set.ranges[0].count == 1:
        UTF8Scalars.encode(set.ranges[0].lowerBound, into: &bytes)
      default: return nil
      }
    }
    return bytes
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
