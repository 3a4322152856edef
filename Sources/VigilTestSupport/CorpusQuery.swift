import Foundation
import TOMLKit

/// One query of a corpus rule, read straight from its TOML, for language front-end tests that must not depend
/// on the rule loader.
public struct CorpusQuery: Sendable, CustomStringConvertible {
  /// Which key of the rule the query came from.
  public enum Origin: String, Sendable {
    case query
    case threatQuery = "threat_query"
  }

  public var path: String
  public var ruleType: String
  /// `kuery`, `eql`, `esql` or `lucene`.
  public var language: String
  public var origin: Origin
  public var text: String

  public var description: String { "\(path) [\(origin.rawValue)]" }

  /// Every query under `shared/corpus/detection-rules` (deprecated rules included), or `nil` when the corpus is
  /// absent. Pass a language (`kuery`, `eql`, `esql`) to keep only its queries.
  public static func all(language: String? = nil) throws -> [CorpusQuery]? {
    guard let root = SharedData.detectionRules else { return nil }
    var queries: [CorpusQuery] = []
    for file in SharedData.tomlFiles(under: root) {
      let table = try TOMLTable(string: String(contentsOf: file, encoding: .utf8))
      guard let rule = table["rule"]?.table, let type = rule["type"]?.string else { continue }
      let path = file.path
      if let text = rule["query"]?.string, let ruleLanguage = rule["language"]?.string {
        queries.append(CorpusQuery(path: path, ruleType: type, language: ruleLanguage, origin: .query, text: text))
      }
      if let text = rule["threat_query"]?.string {
        let threatLanguage = rule["threat_language"]?.string ?? "kuery"
        queries.append(
          CorpusQuery(path: path, ruleType: type, language: threatLanguage, origin: .threatQuery, text: text))
      }
    }
    guard let language else { return queries }
    return queries.filter { $0.language == language }
  }
}
