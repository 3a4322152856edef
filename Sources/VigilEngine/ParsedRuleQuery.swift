import VigilEQL
import VigilESQL
import VigilKQL
import VigilRules

/// A rule's query parsed by its language's front end, so that lowering it twice parses it once; `nil` inside when
/// the query has errors.
enum ParsedRuleQuery: Sendable {
  case none
  case kuery(KQLQuery?)
  case eql(EQLQuery?)
  case esql(ESQLQuery?)

  init(_ rule: DetectionRule) {
    guard let query = rule.query else {
      self = .none
      return
    }
    switch rule.language {
    case .kuery: self = .kuery(KQLParser.parse(query).query)
    case .eql: self = .eql(EQLParser.parse(query).validQuery)
    case .esql: self = .esql(ESQLParser.parse(query).query)
    case .lucene, nil: self = .none
    }
  }
}
