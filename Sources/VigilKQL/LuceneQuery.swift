/// A parsed Lucene query (Elasticsearch `query_string` syntax, a rule's `language = "lucene"`): its text and tree.
public struct LuceneQuery: Hashable, Sendable {
  /// The text the query was parsed from; ranges are byte offsets into its UTF-8 form.
  public var text: String
  public var root: LuceneNode

  /// A query from its text and the tree parsed from it.
  public init(text: String, root: LuceneNode) {
    self.text = text
    self.root = root
  }
}

/// A node of a Lucene query: a boolean group of clauses or one term on one field.
public indirect enum LuceneNode: Hashable, Sendable {
  /// A group, as Lucene's classic query parser builds it (see ``LuceneClause``): it matches when every `must`
  /// clause matches, no `mustNot` clause does, and, when there is no `must` clause, at least one `should` clause
  /// does; a group of `mustNot` clauses alone matches everything else (Elasticsearch adds a `match_all`).
  case group([LuceneClause])
  /// One term on a field (`nil`: no field, so every field, Elasticsearch's default `*`).
  case term(field: String?, LuceneTerm, range: Range<Int>)
}

/// One clause of a group, with how it counts.
public struct LuceneClause: Hashable, Sendable {
  /// Lucene's `BooleanClause.Occur`, from the modifiers and conjunctions around the clause.
  public enum Occur: Hashable, Sendable {
    case must, should, mustNot
  }

  public var occur: Occur
  public var node: LuceneNode

  public init(_ occur: Occur, _ node: LuceneNode) {
    self.occur = occur
    self.node = node
  }
}

/// What a term asks of its field.
public enum LuceneTerm: Hashable, Sendable {
  /// One piece of an unquoted term: text (escapes resolved), `*` or `?`.
  public enum Part: Hashable, Sendable {
    case text(String)
    /// `*`: any run of characters.
    case anyString
    /// `?`: one character.
    case anyCharacter
  }

  /// An unquoted term, possibly with wildcards (a lone `*` asks that the field exists).
  case word([Part])
  /// A quoted phrase.
  case phrase(String)
  /// `/regex/`: a Lucene regular expression, anchored.
  case regex(String)
  /// `[a TO b]`, `{a TO b}` (either bracket on either side), or `>a`, `>=a`, `<a`, `<=a`: a range; `nil` is open.
  case range(lower: String?, includesLower: Bool, upper: String?, includesUpper: Bool)
  /// `_exists_:field`.
  case exists
  /// A fuzzy term (`term~2`) or a phrase with slop (`"a b"~3`), which Vigil does not run.
  case fuzzy(String)
}
