import Testing

@testable import VigilQuery

/// (pattern, input, expected) with backslash escapes of any character, case-sensitive.
private let wildcardCases: [(String, String, Bool)] = [
  ("", "", true), ("", "a", false), ("abc", "abc", true), ("abc", "abd", false), ("abc", "ab", false),
  ("*", "", true), ("*", "anything", true), ("**", "x", true), ("?", "", false), ("?", "a", true), ("?", "ab", false),
  ("?", "é", true), ("?", "😀", true), ("??", "é", false), ("a?c", "aéc", true), ("a?c", "a日c", true),
  ("a?c", "ac", false), ("abc*", "abcdef", true), ("abc*", "abc", true), ("abc*", "ab", false),
  ("*abc", "xxabc", true), ("*abc", "abcx", false), ("*abc*", "xxabcxx", true), ("*abc*", "ab", false),
  ("ab*yz", "abyz", true), ("ab*yz", "abxxyz", true), ("ab*yz", "abz", false), ("ab*ba", "aba", false),
  ("a*b*c", "abc", true), ("a*b*c", "aXbYc", true), ("a*b*c", "acb", false), ("*a*b*", "xxaxxbxx", true),
  ("*a*b*", "bxa", false), ("a*a*a", "aa", false), ("a*a*a", "aaa", true), ("*.exe", "cmd.exe", true),
  ("*?", "", false), ("*?", "é", true), ("?*?", "a", false), ("*é?", "xxéy", true), ("*é?", "xxé", false),
  ("C:\\\\*\\\\cmd.exe", "C:\\Windows\\cmd.exe", true), ("\\*", "*", true), ("\\*", "a", false),
  ("a\\?", "a?", true), ("a\\?", "ab", false), ("100\\%", "100%", true), ("trailing\\", "trailing\\", true),
  ("*mid?le*", "the middle part", true), ("*mid?le*", "the midle part", false),
  ("*/tmp/*", "/var/tmp/x", true), ("*abc*", "ab\u{0}abc", true), ("*é*", "café", true),
]

@Test(arguments: wildcardCases)
func wildcardMatching(_ pattern: String, _ input: String, _ expected: Bool) {
  let compiled = WildcardPattern(pattern)
  #expect(compiled.matches(input) == expected, "\(pattern) on \(input)")
}

/// (pattern, input, expected) case-insensitive.
private let caseInsensitiveCases: [(String, String, Bool)] = [
  ("ABC", "abc", true), ("abc", "ABC", true), ("*.EXE", "CMD.exe", true), ("pow*", "PowerShell.exe", true),
  ("*shell*", "POWERSHELL", true), ("é", "É", true), ("*É*", "café", true), ("CAFÉ", "café", true),
  ("a?c", "AÉC", true), ("*x", "y", false), ("k", "\u{212A}", true), ("*i*", "\u{130}", true),
  ("ǅ*", "ǆx", true), ("straße", "STRASSE", false), ("a*b?d", "AxxBéD", true),
  // Non-ASCII input that folds to ASCII, in every shape's fast path.
  ("*ok", "O\u{212A}", true), ("ok*", "O\u{212A}x", true), ("*xk*", "aX\u{212A}b", true), ("*ab", "a\u{212A}b", false),
  ("*ok", "éok", true), ("*ok", "oké", false), ("o*k", "oé\u{212A}", true),
]

@Test(arguments: caseInsensitiveCases)
func wildcardCaseInsensitive(_ pattern: String, _ input: String, _ expected: Bool) {
  let compiled = WildcardPattern(pattern, caseInsensitive: true)
  #expect(compiled.matches(input) == expected, "\(pattern) on \(input)")
}

/// (pattern, shape, literal) classification.
private let shapeCases: [(String, WildcardPattern.Shape, String?)] = [
  ("abc", .exact, "abc"), ("abc*", .prefix, "abc"), ("*abc", .suffix, "abc"), ("*abc*", .contains, "abc"),
  ("ab*yz", .prefixSuffix, nil), ("*", .matchAll, nil), ("***", .matchAll, nil), ("a?c", .general, nil),
  ("*a*b*", .general, nil), ("a*b*c", .general, nil), ("\\*abc", .exact, "*abc"), ("", .exact, ""),
]

@Test(arguments: shapeCases)
func wildcardShapes(_ pattern: String, _ shape: WildcardPattern.Shape, _ literal: String?) {
  let compiled = WildcardPattern(pattern)
  #expect(compiled.shape == shape)
  #expect(compiled.literal == literal)
}

@Test func wildcardQuestionMarkCanBeLiteral() {
  let kql = WildcardPattern("what?*", questionMarkWildcard: false)
  #expect(kql.shape == .prefix)
  #expect(kql.matches("what?ever"))
  #expect(!kql.matches("whatsoever"))
}

@Test func wildcardEscapingModes() {
  #expect(WildcardPattern("a\\*", escaping: .none).matches("a\\xyz"))
  #expect(!WildcardPattern("a\\*", escaping: .none).matches("a*"))
  #expect(WildcardPattern("a\\b", escaping: .backslashAny).matches("ab"))
  #expect(WildcardPattern("a\\b", escaping: .backslashSpecial).matches("a\\b"))
  #expect(WildcardPattern("a\\*", escaping: .backslashSpecial).matches("a*"))
  #expect(WildcardPattern("a\\\\", escaping: .backslashSpecial).matches("a\\"))
}

@Test func wildcardLongInputIsLinear() {
  // Greedy segment matching: no backtracking blow-up on many stars.
  let pattern = WildcardPattern("*a*a*a*a*a*a*a*a*b")
  let input = String(repeating: "a", count: 100_000)
  #expect(!pattern.matches(input))
  #expect(pattern.matches(input + "b"))
  let withAny = WildcardPattern("*a?a*a?a*b")
  #expect(!withAny.matches(input))
}

/// Wildcards agree with the equivalent Lucene regex (`*` → `.*`, `?` → `.`, literals quoted) on random inputs.
@Test(arguments: [false, true])
func wildcardAgreesWithRegex(_ caseInsensitive: Bool) throws {
  var state: UInt64 = caseInsensitive ? 7 : 11
  func next(_ n: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(n))
  }
  let patternAlphabet: [String] = ["a", "B", "é", "*", "?", "\u{212A}", "k"]
  let inputAlphabet: [String] = ["a", "A", "b", "B", "é", "É", "k", "\u{212A}"]
  for _ in 0..<400 {
    let pattern = (0..<next(6)).map { _ in patternAlphabet[next(patternAlphabet.count)] }.joined()
    var regexText = ""
    for c in pattern {
      switch c {
      case "*": regexText += ".*"
      case "?": regexText += "."
      default: regexText += "\"" + String(c) + "\""
      }
    }
    let wildcard = WildcardPattern(pattern, escaping: .none, caseInsensitive: caseInsensitive)
    let regex = try LuceneRegex.compile(regexText, caseInsensitive: caseInsensitive)
    for _ in 0..<25 {
      let input = (0..<next(7)).map { _ in inputAlphabet[next(inputAlphabet.count)] }.joined()
      #expect(wildcard.matches(input) == regex.matches(input), "\(pattern) on \(input)")
    }
  }
}

@Test func wildcardCaseInsensitiveSearchAtEveryOffset() {
  // Exercises the eight-bytes-at-a-time candidate scan on both sides of word boundaries.
  let pattern = WildcardPattern("*needle*", caseInsensitive: true)
  let foldedNonASCII = WildcardPattern("*xk*", caseInsensitive: true)
  for offset in 0..<40 {
    let padding = String(repeating: "n", count: offset)
    #expect(pattern.matches(padding + "NeEdLe" + padding))
    #expect(!pattern.matches(padding + "NeEdL" + padding))
    #expect(pattern.matches(String(repeating: "é", count: offset) + "needle"))
    #expect(foldedNonASCII.matches(padding + "X\u{212A}" + padding))
  }
}

@Test func wildcardCaseInsensitiveLiteralShapesLowerEveryByteExactly() {
  // Prefix, suffix and contains patterns lower ASCII input eight bytes at a time, alone and in lists. `@` and `[`
  // border `A` and `Z` and must stay as they are (lowered, they would read as the backquote and `{`).
  let prefix = WildcardPattern("ab@[yz*", caseInsensitive: true)
  let suffix = WildcardPattern("*ab@[yz", caseInsensitive: true)
  let contains = WildcardPattern("*ab@[yz*", caseInsensitive: true)
  let list = WildcardList([prefix, suffix, contains, WildcardPattern("*nothing*", caseInsensitive: true)])
  func listMatches(_ input: String) -> Bool {
    var input = input
    return input.withUTF8 { list.matches(UnsafeRawBufferPointer($0)) }
  }
  for offset in 0..<20 {
    let padding = String(repeating: "Q", count: offset)
    #expect(prefix.matches("AB@[YZ" + padding))
    #expect(suffix.matches(padding + "Ab@[yZ"))
    #expect(contains.matches(padding + "aB@[Yz" + padding))
    #expect(listMatches(padding + "aB@[Yz" + padding))
    #expect(!contains.matches(padding + "ab`{yz" + padding))
    #expect(!listMatches(padding + "ab`{yz" + padding))
    if offset > 0 { #expect(!prefix.matches(padding + "AB@[YZ"), "a prefix only at the start") }
    // Non-ASCII input takes the scalar path: the Kelvin sign folds to `k`.
    #expect(WildcardPattern("*k*", caseInsensitive: true).matches(padding + "\u{212A}" + padding))
  }
}
