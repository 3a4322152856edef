extension RegexNode {
  /// Texts, ASCII lower-cased, one of which every string the node matches holds (lower-cased too); `nil` when none
  /// is known. `.*(gh\s+auth|kubectl\s+config).*` needs `auth` or `config`: a value holding neither cannot match,
  /// which the literal prefilter tells from the value's grams without running the automaton.
  ///
  /// Lower-cased on both sides, the texts also serve patterns that fold case: a case-insensitive pattern's letters
  /// are one scalar in either case (`[kK]`), read as the lower one.
  var requiredLiterals: [[UInt8]]? {
    switch self {
    case .string, .set:
      guard let text = exactText, !text.isEmpty else { return nil }
      return [text]
    case .concat(let nodes):
      // Adjacent nodes of one text each make one longer text (`a`, `b`, `c` are `abc`).
      var choices: [[[UInt8]]] = []
      var run: [UInt8] = []
      for node in nodes {
        if let text = node.exactText {
          run += text
          continue
        }
        if !run.isEmpty { choices.append([run]) }
        run = []
        if let inner = node.requiredLiterals { choices.append(inner) }
      }
      if !run.isEmpty { choices.append([run]) }
      return Self.mostSelective(choices)
    case .union(let nodes):
      var all: [[UInt8]] = []
      for node in nodes {
        guard let inner = node.requiredLiterals else { return nil }
        all += inner
      }
      return all.isEmpty ? nil : all
    case .repeat(let node, let min, _):
      guard min >= 1 else { return nil }
      // `x{3,}` needs `xxx`.
      if let text = node.exactText, !text.isEmpty, text.count * min <= Self.longestRepeatedText {
        return [Array(repeatElement(text, count: min).joined())]
      }
      return node.requiredLiterals
    case .intersection(let left, let right):
      return Self.mostSelective([left.requiredLiterals, right.requiredLiterals].compactMap { $0 })
    case .emptyLanguage, .anyString, .complement, .interval:
      return nil
    }
  }

  /// The one text the node matches, ASCII lower-cased (a letter in either case counts as one), or `nil`.
  var exactText: [UInt8]? {
    switch self {
    case .string(let scalars):
      var text: [UInt8] = []
      for scalar in scalars {
        guard let bytes = Self.loweredUTF8(scalar) else { return nil }
        text += bytes
      }
      return text
    case .set(let set):
      let ranges = set.ranges
      if ranges.count == 1, ranges[0].lowerBound == ranges[0].upperBound {
        return Self.loweredUTF8(ranges[0].lowerBound)
      }
      // `[kK]`: an ASCII letter in both cases.
      if ranges.count == 2, ranges[0].lowerBound == ranges[0].upperBound, ranges[1].lowerBound == ranges[1].upperBound,
        (0x41...0x5A).contains(ranges[0].lowerBound), ranges[1].lowerBound == ranges[0].lowerBound + 0x20
      {
        return [UInt8(ranges[1].lowerBound)]
      }
      return nil
    case .concat(let nodes):
      var text: [UInt8] = []
      for node in nodes {
        guard let part = node.exactText else { return nil }
        text += part
      }
      return text
    case .repeat(let node, let min, let max) where min == max:
      guard let text = node.exactText, text.count * min <= Self.longestRepeatedText else { return nil }
      return Array(repeatElement(text, count: min).joined())
    default:
      return nil
    }
  }

  /// Longest text a counted repetition is spelled out to.
  private static let longestRepeatedText = 64

  /// The UTF-8 bytes of `scalar`, ASCII lower-cased; `nil` for a value that is not a scalar.
  private static func loweredUTF8(_ scalar: UInt32) -> [UInt8]? {
    guard let unicode = Unicode.Scalar(scalar) else { return nil }
    return Array(String(Character(unicode)).utf8).map(CaseFolding.asciiLower)
  }

  /// Of several lists of texts that each hold, the one whose shortest text is longest (fewer texts on a tie): the
  /// prefilter needs texts of 4 bytes or more, and longer ones are rarer.
  private static func mostSelective(_ choices: [[[UInt8]]]) -> [[UInt8]]? {
    choices.max { a, b in
      let shortestA = a.map(\.count).min() ?? 0
      let shortestB = b.map(\.count).min() ?? 0
      return shortestA != shortestB ? shortestA < shortestB : a.count > b.count
    }
  }
}
