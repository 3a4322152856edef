import Testing
import VigilTestSupport

@testable import VigilQuery

/// The texts a regex's matches need (one of them), which let the literal prefilter skip the automaton on values
/// holding none: a text named that a match can lack would lose matches.
struct RegexLiteralTests {
  static func literals(_ pattern: String, caseInsensitive: Bool = false) throws -> [String]? {
    try LuceneRegex.compile(pattern, caseInsensitive: caseInsensitive).requiredLiterals?.map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  @Test func literalsOfCorpusShapes() throws {
    // Each alternative gives its longest need: `gh\s+auth\s+(token|status)` needs `token` or `status`.
    #expect(
      try Self.literals(#".*(config-helper\s.*--format|gh\s+auth\s+(token|status)|Get-AzAccessToken).*"#)
        == ["config-helper", "token", "status", "get-azaccesstoken"])
    #expect(try Self.literals(".*[ ]{20,}.*") == [String(repeating: " ", count: 20)])
    #expect(try Self.literals("abcd.efg") == ["abcd"])
    #expect(try Self.literals("x{3}yz") == ["xxxyz"])
    #expect(try Self.literals("(ab){2,}c") == ["abab"])
    #expect(try Self.literals(#"/[a-z0-9\s_\-\\./]+\s"#) == ["/"])
    // Case-insensitive patterns need their texts in either case, as the prefilter lowers values.
    #expect(try Self.literals("KERNEL.*", caseInsensitive: true) == ["kernel"])
    #expect(try Self.literals("[kK]ernel[mM]od") == ["kernelmod"])
    // Nothing every match needs.
    for pattern in ["a*", ".*", "(abc)?d*", "~(abc)", "abc|.*", "<1-50>", "@", "#"] {
      #expect(try Self.literals(pattern) == nil, "\(pattern)")
    }
  }

  /// A pattern grown at random together with one string it matches.
  private struct Sample {
    var pattern = ""
    var match = ""
  }

  private static func sample(_ rng: inout SplitMix64, depth: Int) -> Sample {
    let words = ["curl", "wget", "Token", "auth", "sh", "-c", "é", "/tmp/", "x"]
    func atom() -> Sample {
      switch Int.random(in: 0..<10, using: &rng) {
      case 0 where depth > 0:
        let inner = sample(&rng, depth: depth - 1)
        return Sample(pattern: "(" + inner.pattern + ")", match: inner.match)
      case 1: return Sample(pattern: ".", match: ["a", "Z", " ", "é"].randomElement(using: &rng)!)
      case 2: return Sample(pattern: "[a-c]", match: ["a", "b", "c"].randomElement(using: &rng)!)
      case 3: return Sample(pattern: #"\s"#, match: " ")
      case 4: return Sample(pattern: "[tT]", match: ["t", "T"].randomElement(using: &rng)!)
      default:
        let word = words.randomElement(using: &rng)!
        let escaped = word.map { "-/.".contains($0) ? "\\\($0)" : String($0) }.joined()
        return Sample(pattern: escaped, match: word)
      }
    }
    var result = Sample()
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
      var part = atom()
      let times: Int
      switch Int.random(in: 0..<6, using: &rng) {
      case 0:
        part.pattern = "(" + part.pattern + ")*"
        times = Int.random(in: 0...2, using: &rng)
      case 1:
        part.pattern = "(" + part.pattern + ")+"
        times = Int.random(in: 1...2, using: &rng)
      case 2:
        let least = Int.random(in: 0...2, using: &rng)
        part.pattern = "(" + part.pattern + "){\(least),\(least + 1)}"
        times = least + Int.random(in: 0...1, using: &rng)
      default: times = 1
      }
      result.pattern += part.pattern
      result.match += String(repeating: part.match, count: times)
    }
    if depth > 0 && Bool.random(using: &rng) {
      let other = sample(&rng, depth: depth - 1)
      result.pattern += "|" + other.pattern
      if Bool.random(using: &rng) { result.match = other.match }
    }
    return result
  }

  @Test func everyMatchHoldsOneOfTheLiterals() throws {
    var rng = SplitMix64(seed: 0x11E7)
    var checked = 0
    for _ in 0..<2_000 {
      let sample = Self.sample(&rng, depth: 2)
      for caseInsensitive in [false, true] {
        let regex = try LuceneRegex.compile(".*(" + sample.pattern + ").*", caseInsensitive: caseInsensitive)
        #expect(regex.matches("pre " + sample.match + " post"), "\(sample.pattern) on \(sample.match)")
        guard let literals = regex.requiredLiterals else { continue }
        let lowered = Array(("pre " + sample.match + " post").utf8).map(CaseFolding.asciiLower)
        let holds = literals.contains { literal in
          lowered.indices.contains { lowered[$0...].starts(with: literal) }
        }
        #expect(holds, "\(sample.pattern) needs one of \(literals) in \(sample.match)")
        checked += 1
      }
    }
    #expect(checked > 2_000)
  }
}
