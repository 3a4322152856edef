import VigilEvents
import VigilQuery
import VigilSyntax

/// Lowers a parsed Lucene query (a rule's `language = "lucene"`, which Kibana sends as a `query_string` query) to
/// the shared ``Predicate`` IR. Terms, phrases, wildcards and ranges match each field by its type exactly as KQL's
/// values do (``KQLLowering``); regular expressions match keyword values, anchored.
public enum LuceneLowering {
  /// Lowers `query`, binding its fields in `fields`; `now` resolves date math in range bounds, and
  /// `allowsAnyField` lets terms without a field read every field (see ``KQLLowering/lower(_:fields:now:allowsAnyField:)``).
  public static func lower(
    _ query: LuceneQuery, fields: inout FieldResolver, now: Int64? = nil, allowsAnyField: Bool = false
  ) -> LoweringResult {
    var lowering = KQLLowering(fields: fields, now: now, allowsAnyField: allowsAnyField)
    let predicate = lowering.lowerLucene(query.root)
    fields = lowering.fields
    return LoweringResult(predicate: predicate, diagnostics: lowering.diagnostics)
  }
}

extension KQLLowering {
  mutating func lowerLucene(_ node: LuceneNode) -> Predicate {
    switch node {
    case .group(let clauses):
      func lowered(_ occur: LuceneClause.Occur) -> [Predicate] {
        clauses.filter { $0.occur == occur }.map { lowerLucene($0.node) }
      }
      let must = lowered(.must)
      let should = lowered(.should)
      // With a required clause, optional ones only change scores.
      var conjuncts = must.isEmpty && !should.isEmpty ? [.or(should)] : must
      conjuncts += lowered(.mustNot).map { .not($0) }
      return conjuncts.isEmpty ? .always : .and(conjuncts)
    case .term(let field, let term, let range):
      guard let field, field != "*" else { return lowerLuceneAnyField(term, at: range) }
      let name = KQLLiteral(field)
      let wasLenient = lenient
      lenient = name.hasWildcard
      defer { lenient = wasLenient }
      return .or(bindings(of: name, prefix: "").map { lowerLucene(term, $0, at: range) })
    }
  }

  private mutating func lowerLucene(_ term: LuceneTerm, _ field: FieldBinding, at range: Range<Int>) -> Predicate {
    switch term {
    case .word([.anyString]), .exists, .range(nil, _, nil, _):
      return test(field, .exists)
    case .word(let parts):
      guard parts.contains(where: { $0 == .anyString || $0 == .anyCharacter }) else {
        return lowerLiteral(Self.literal(parts, range: range), field)
      }
      return lowerWildcard(pattern: Self.wildcardPattern(parts), field, at: range)
    case .phrase(let text):
      return lowerLiteral(KQLLiteral(parts: [.text(text)], isQuoted: true, raw: text, range: range), field)
    case .regex(let pattern):
      return lowerRegex(pattern, field, at: range)
    case .range(let lower, let includesLower, let upper, let includesUpper):
      var bounds: [Predicate] = []
      if let lower {
        bounds.append(
          lowerRange(field, includesLower ? .greaterThanOrEqual : .greaterThan, KQLLiteral(lower, quoted: true)))
      }
      if let upper {
        bounds.append(lowerRange(field, includesUpper ? .lessThanOrEqual : .lessThan, KQLLiteral(upper, quoted: true)))
      }
      return .and(bounds)
    case .fuzzy(let raw):
      diagnostics.append(
        .error("lucene.fuzzy", "fuzzy and proximity searches ('\(raw)') are not supported", at: range))
      return .never
    }
  }

  /// `/pattern/`: Elasticsearch's `regexp` query, which runs on keyword values (text fields' terms are not kept).
  private mutating func lowerRegex(_ pattern: String, _ field: FieldBinding, at range: Range<Int>) -> Predicate {
    switch field.type {
    case nil, .keyword?, .constantKeyword?, .wildcard?, .flattened?:
      do {
        let regex = try LuceneRegex.compile(pattern, caseMatching: field.isCaseless ? .insensitive : .sensitive)
        return test(field, .regex(regex))
      } catch {
        diagnostics.append(.error("lucene.regex", "invalid regular expression: \(error)", at: range))
        return .never
      }
    default:
      if lenient { return .never }
      diagnostics.append(
        .error(
          "lucene.regex-field",
          "regular expressions are run on keyword fields only, and '\(field.name)' is a \(field.type?.rawValue ?? "") field",
          at: range))
      return .never
    }
  }

  /// A term without a field: looked for in every field, as KQL's free text is.
  private mutating func lowerLuceneAnyField(_ term: LuceneTerm, at range: Range<Int>) -> Predicate {
    switch term {
    case .word(let parts) where parts == [.anyString]:
      return .always
    case .word(let parts) where !parts.contains(.anyCharacter):
      return lowerAnyField(KQLValueExpression(.value(Self.literal(parts, range: range)), range: range), range: range)
    case .phrase(let text):
      let literal = KQLLiteral(parts: [.text(text)], isQuoted: true, raw: text, range: range)
      return lowerAnyField(KQLValueExpression(.value(literal), range: range), range: range)
    default:
      diagnostics.append(
        .error("lucene.any-field", "this kind of term needs a field ('field:…') in Vigil", at: range))
      return .never
    }
  }

  /// An unquoted KQL literal with the same pieces (a term without `?`).
  private static func literal(_ parts: [LuceneTerm.Part], range: Range<Int>) -> KQLLiteral {
    let pieces: [KQLLiteral.Part] = parts.map {
      if case .text(let text) = $0 { return .text(text) }
      return .wildcard
    }
    return KQLLiteral(parts: pieces, isQuoted: false, raw: "", range: range)
  }

  /// The term as an Elasticsearch `wildcard` pattern: wildcards as `*`/`?`, literal characters escaped as needed.
  private static func wildcardPattern(_ parts: [LuceneTerm.Part]) -> String {
    var pattern = ""
    for part in parts {
      switch part {
      case .anyString: pattern += "*"
      case .anyCharacter: pattern += "?"
      case .text(let text):
        for character in text {
          if character == "*" || character == "?" || character == "\\" { pattern.append("\\") }
          pattern.append(character)
        }
      }
    }
    return pattern
  }
}
