import VigilEQL
import VigilESQL
import VigilKQL
import VigilRules
import VigilSyntax

/// A rule's query parsed by its language's front end, so that lowering it twice parses it once; `nil` inside when
/// the query has errors.
enum ParsedRuleQuery: Sendable {
  case none
  case kuery(KQLQuery?)
  case eql(EQLQuery?)
  case esql(ESQLQuery?)
  case lucene(LuceneQuery?)

  init(_ rule: DetectionRule) {
    guard let query = rule.query, let language = rule.language else {
      self = .none
      return
    }
    self = Self.parse(query, language: language).query
  }

  /// `text` parsed by `language`'s front end, with the parser's diagnostics (query offsets).
  static func parse(_ text: String, language: QueryLanguage) -> (query: ParsedRuleQuery, diagnostics: [Diagnostic]) {
    switch language {
    case .kuery:
      let result = KQLParser.parse(text)
      return (.kuery(result.query), result.diagnostics)
    case .eql:
      let result = EQLParser.parse(text)
      return (.eql(result.validQuery), result.diagnostics)
    case .esql:
      let result = ESQLParser.parse(text)
      return (.esql(result.query), result.diagnostics)
    case .lucene:
      let result = LuceneParser.parse(text)
      return (.lucene(result.query), result.diagnostics)
    }
  }
}
