import Foundation
import Testing
import VigilTestSupport

@testable import VigilQuery

/// Random patterns from the syntax Lucene and ICU read alike (no `@ & ~ < # "`, no leading quantifier).
private func randomPattern(_ rng: inout SplitMix64, depth: Int) -> String {
  let atoms = ["a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "\\d", "\\s", "\\w", "1", " ", "é", "\\.", "[^\\s]"]
  func atom() -> String {
    if depth > 0 && Int.random(in: 0..<4, using: &rng) == 0 { return "(" + randomPattern(&rng, depth: depth - 1) + ")" }
    return atoms.randomElement(using: &rng)!
  }
  var parts: [String] = []
  for _ in 0..<Int.random(in: 1...4, using: &rng) {
    var a = atom()
    switch Int.random(in: 0..<9, using: &rng) {
    case 0: a += "?"
    case 1: a += "*"
    case 2: a += "+"
    case 3: a += "{\(Int.random(in: 0...2, using: &rng))}"
    case 4: a += "{\(Int.random(in: 0...2, using: &rng)),}"
    case 5:
      let lo = Int.random(in: 0...2, using: &rng)
      a += "{\(lo),\(lo + Int.random(in: 0...2, using: &rng))}"
    default: break
    }
    parts.append(a)
  }
  var p = parts.joined()
  if depth > 0 && Int.random(in: 0..<4, using: &rng) == 0 { p += "|" + randomPattern(&rng, depth: depth - 1) }
  return p
}

@Test func regexAgreesWithNSRegularExpression() throws {
  var rng = SplitMix64(seed: 0x5EED)
  let alphabet: [Character] = ["a", "b", "c", "1", " ", "é", "."]
  var compared = 0
  for _ in 0..<200 {
    let pattern = randomPattern(&rng, depth: 2)
    let ours = try LuceneRegex.compile(pattern)
    // ICU's \w is Unicode-aware; Lucene's is ASCII.
    let icu = pattern.replacingOccurrences(of: "\\w", with: "[a-zA-Z_0-9]")
    let theirs = try NSRegularExpression(pattern: "^(?:" + icu + ")$")
    for _ in 0..<30 {
      let input = String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
      let range = NSRange(input.startIndex..., in: input)
      let expected = theirs.firstMatch(in: input, range: range) != nil
      #expect(ours.matches(input) == expected, "pattern \(pattern) on \"\(input)\"")
      compared += 1
    }
  }
  #expect(compared == 6_000)
}

@Test func regexDFAAndNFAAgree() throws {
  var rng = SplitMix64(seed: 0xD1FF)
  let alphabet: [Character] = ["a", "b", "c", "1", " ", "é", "A"]
  for _ in 0..<200 {
    let pattern = randomPattern(&rng, depth: 2)
    for caseInsensitive in [false, true] {
      let mode: LuceneRegex.CaseMatching = caseInsensitive ? .insensitive : .sensitive
      let dfa = try LuceneRegex.compile(pattern, caseMatching: mode)
      let nfa = try LuceneRegex.compile(pattern, caseMatching: mode, limits: .init(dfaStates: 1))
      if case .dfa = nfa.engine { Issue.record("\(pattern) still compiled to a DFA") }
      for _ in 0..<20 {
        let input = String((0..<Int.random(in: 0...6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        #expect(dfa.matches(input) == nfa.matches(input), "pattern \(pattern) on \"\(input)\"")
      }
    }
  }
}

/// Random strings over the metacharacters either compile or throw a syntax error; none traps, and compiled ones give
/// the same answers as DFA and as NFA.
@Test func regexFuzzNeverTraps() throws {
  var rng = SplitMix64(seed: 0xF022)
  let pieces: [String] = [
    "a", "b", "é", ".", "*", "+", "?", "|", "(", ")", "[", "]", "^", "-", "{", "}", ",", "1", "2", "\\", "\"", "@", "&",
    "~", "#", "<", ">", "\\d", "\\s", "\\W", "{1,2}", "{2}", "[a-c]", "<1-12>",
  ]
  var compiled = 0
  for _ in 0..<1_500 {
    let pattern = (0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    let limits = LuceneRegex.Limits(nfaStates: 5_000, dfaStates: 500, operatorDFAStates: 500)
    guard let dfa = try? LuceneRegex.compile(pattern, caseMatching: .sensitive, limits: limits) else { continue }
    let nfa = try LuceneRegex.compile(pattern, caseMatching: .sensitive, limits: .init(dfaStates: 1))
    compiled += 1
    for _ in 0..<10 {
      let input = (0..<Int.random(in: 0...5, using: &rng)).map { _ in
        ["a", "b", "1", "é", "-", "@"].randomElement(using: &rng)!
      }
      .joined()
      #expect(dfa.matches(input) == nfa.matches(input), "\(pattern) on \(input)")
    }
  }
  #expect(compiled > 300)
}
