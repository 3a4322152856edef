import Testing
import VigilTestSupport

@testable import VigilQuery

/// Every `regex`, `regex~` and `RLIKE` pattern of the rule corpus compiles.
@Test func corpusRegexPatternsCompile() throws {
  guard let eql = try CorpusQuery.all(language: "eql"), let esql = try CorpusQuery.all(language: "esql") else {
    print(SharedData.missingMessage("detection-rules corpus"))
    return
  }
  var patterns: [CorpusRegex] = []
  for query in eql + esql { patterns += CorpusRegex.extract(from: query.text, path: query.path) }
  #expect(patterns.count >= 100)
  for p in patterns {
    do {
      let regex = try LuceneRegex.compile(p.pattern, caseInsensitive: p.caseInsensitive)
      // The pattern must at least decide the empty string and a typical value without trapping.
      _ = regex.matches("")
      _ = regex.matches("C:\\Windows\\System32\\cmd.exe /c whoami")
    } catch {
      Issue.record("\(p.path): \(p.pattern): \(error)")
    }
  }
}

/// A pattern found in a corpus query, after string-literal unescaping.
struct CorpusRegex {
  var pattern: String
  var caseInsensitive: Bool
  var path: String

  /// Scans `text` for `regex`/`regex~`/`rlike` followed by one string literal or a parenthesised list of them.
  static func extract(from text: String, path: String) -> [CorpusRegex] {
    let s = Array(text.unicodeScalars)
    var out: [CorpusRegex] = []
    var i = 0
    func lower(_ k: Int) -> Character { Character(String(s[k]).lowercased()) }
    func keyword(at k: Int, _ word: String) -> Bool {
      guard k + word.count <= s.count else { return false }
      if k > 0, s[k - 1].properties.isAlphabetic || s[k - 1] == "_" || s[k - 1] == "." { return false }
      for (j, c) in word.enumerated() where lower(k + j) != c { return false }
      return true
    }
    func skipSpace(_ k: inout Int) { while k < s.count && s[k].properties.isWhitespace { k += 1 } }
    func literal(_ k: inout Int) -> String? {
      guard k < s.count, s[k] == "\"" else { return nil }
      var out = String.UnicodeScalarView()
      if k + 2 < s.count && s[k + 1] == "\"" && s[k + 2] == "\"" {
        k += 3
        while k + 2 < s.count && !(s[k] == "\"" && s[k + 1] == "\"" && s[k + 2] == "\"") {
          out.append(s[k])
          k += 1
        }
        k += 3
        return String(out)
      }
      k += 1
      while k < s.count && s[k] != "\"" {
        if s[k] == "\\" && k + 1 < s.count {
          k += 1
          switch s[k] {
          case "n": out.append("\n")
          case "t": out.append("\t")
          case "r": out.append("\r")
          default: out.append(s[k])
          }
        } else {
          out.append(s[k])
        }
        k += 1
      }
      k += 1
      return String(out)
    }
    while i < s.count {
      var word = ""
      if keyword(at: i, "regex") { word = "regex" } else if keyword(at: i, "rlike") { word = "rlike" }
      guard !word.isEmpty else {
        i += 1
        continue
      }
      var k = i + word.count
      var insensitive = false
      if k < s.count && s[k] == "~" {
        insensitive = true
        k += 1
      }
      guard k < s.count, s[k].properties.isWhitespace else {
        i += 1
        continue
      }
      skipSpace(&k)
      if k < s.count && s[k] == "(" {
        k += 1
        while true {
          skipSpace(&k)
          guard let p = literal(&k) else { break }
          out.append(CorpusRegex(pattern: p, caseInsensitive: insensitive, path: path))
          skipSpace(&k)
          if k < s.count && s[k] == "," { k += 1 } else { break }
        }
      } else if let p = literal(&k) {
        out.append(CorpusRegex(pattern: p, caseInsensitive: insensitive, path: path))
      }
      i = k
    }
    return out
  }
}
