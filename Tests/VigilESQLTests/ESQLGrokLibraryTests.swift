import Testing
import VigilESQL

/// The grok library expands to regular expressions that compile and capture what the corpus expects.
struct ESQLGrokLibraryTests {
  @Test(
    "every library pattern expands to a valid regular expression", arguments: ESQLGrokLibrary.patterns.keys.sorted())
  func compiles(name: String) throws {
    let expansion = try ESQLGrokLibrary.expand("%{\(name):x}")
    #expect(expansion.captures.map(\.name) == ["x"])
    _ = try Regex(expansion.regex)
  }

  @Test func corpusPatternsAreInTheLibrary() {
    for name in ESQLGrokLibrary.corpusPatterns { #expect(ESQLGrokLibrary.patterns[name] != nil, "\(name)") }
  }

  @Test(
    "matches and captures",
    arguments: [
      (
        "%{URIPROTO:proto}://%{URIHOST:host}", "curl https://evil.example.com:8443/x",
        ["https", "evil.example.com:8443"]
      ),
      ("%{URIPROTO:proto}://%{URIHOST:host}", "wget http://10.1.2.3/a", ["http", "10.1.2.3"]),
      ("^(?:%{URIPROTO:p}://)?%{URIHOST:h}(?:/%{GREEDYDATA})?$", "example.org/path", ["", "example.org"]),
      ("accessKeyId=%{NOTSPACE:key},", "{accessKeyId=AKIAXYZ, other}", ["AKIAXYZ"]),
      ("%{INT:i}-%{DATA:d}\\.%{GREEDYDATA:rest}", "12-abc.def.example.com", ["12", "abc", "def.example.com"]),
      (":(?<Esql.account>[0-9]{12}):", "arn:aws:iam::123456789012:user/x", ["123456789012"]),
      ("(a|b)(?<n>c)%{IP:ip}", "bc::1", ["c", "::1"]),
      ("[(]%{WORD:w}[)]", "(word)", ["word"]),
      ("%{IPV4:a} %{IPV6:b}", "192.168.0.1 fe80::1ff:fe23:4567:890a", ["192.168.0.1", "fe80::1ff:fe23:4567:890a"]),
      ("%{IPV6:a}", "x 2001:db8:0:0:1::1 y", ["2001:db8:0:0:1::1"]),
      ("%{IPV6:a}", "::ffff:10.0.0.1", ["::ffff:10.0.0.1"]),
      ("%{IPV6:a}", "1:2:3:4:5:6:7::", ["1:2:3:4:5:6:7::"]),
      ("%{IP:a}", "::1", ["::1"]),
    ])
  func captures(pattern: String, input: String, values: [String]) throws {
    let expansion = try ESQLGrokLibrary.expand(pattern)
    #expect(expansion.captures.count == values.count)
    let regex = try Regex(expansion.regex)
    let match = try #require(try regex.firstMatch(in: input))
    let captured = (1..<match.output.count).map { match.output[$0].substring.map(String.init) ?? "" }
    #expect(captured == values)
  }

  @Test(
    "bad references",
    arguments: [
      ("%{NOPE:x}", ESQLGrokLibrary.ExpansionError.unknownPattern("NOPE")),
      ("%{INT:x:bignum}", .unknownType("bignum")),
      ("%{INT:x", .unterminatedReference),
    ])
  func rejects(pattern: String, error: ESQLGrokLibrary.ExpansionError) {
    #expect(throws: error) { try ESQLGrokLibrary.expand(pattern) }
  }

  @Test func checkerReportsUnknownPatterns() {
    let result = ESQLParser.parse("FROM a | GROK m \"%{NOPE:x}\"")
    #expect(result.query == nil)
    #expect(result.diagnostics.first?.message == "unknown grok pattern %{NOPE}")
  }
}
