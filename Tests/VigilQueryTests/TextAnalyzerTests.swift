import Testing
import VigilQuery

struct TextAnalyzerTests {
  @Test("standard-analyzer tokens", arguments: [
    ("Hello, World!", ["hello", "world"]),
    ("C:\\Windows\\System32\\cmd.exe /c whoami", ["c", "windows", "system32", "cmd.exe", "c", "whoami"]),
    ("connect to www.example.com:443 from 10.1.2.3", ["connect", "to", "www.example.com", "443", "from", "10.1.2.3"]),
    ("don't stop_me now-please", ["don't", "stop_me", "now", "please"]),
    ("1,000;2 a,b", ["1,000;2", "a", "b"]),
    ("ÉCOLE Straße", ["école", "straße"]),
    ("", []),
    ("...", []),
  ])
  func tokens(text: String, expected: [String]) {
    #expect(TextAnalyzer.tokens(text) == expected)
  }

  @Test("match and match_phrase", arguments: [
    ("Failed password for root", TextQuery.Mode.anyToken, "failed login", true),
    ("Failed password for root", .anyToken, "success", false),
    ("Failed password for root", .phrase, "password for", true),
    ("Failed password for root", .phrase, "for password", false),
    ("a a a b", .phrase, "a a b", true),
    ("A-B c", .phrase, "a b", true),
    ("anything", .anyToken, "...", false),
  ])
  func textQueries(value: String, mode: TextQuery.Mode, query: String, expected: Bool) {
    var copy = value
    let result = copy.withUTF8 { TextQuery(query, mode: mode).matches(UnsafeRawBufferPointer($0)) }
    #expect(result == expected)
  }
}
