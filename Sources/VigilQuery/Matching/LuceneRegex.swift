/// A compiled Lucene regular expression (Elasticsearch `regexp` query, EQL `regex`/`regex~`, ES|QL `RLIKE`).
///
/// Always anchored: the whole input must match. The syntax is Lucene's `RegExp`, quirks included:
/// - a character with no other reading is literal, so a leading `*` is a literal asterisk (`*sh.{1,2}-c*` matches
///   `*sh -c`), and so is an operator with nothing to apply to (`a||b` is `a` or `|b`);
/// - `\d \D \s \S \w \W` are ASCII classes (`\s` is `[ \t\n\r]`, `\w` is `[a-zA-Z_0-9]`); `\` before any other
///   letter is an error; `\` before anything else makes it literal;
/// - `*?` and `+?` are two operators (optional repetition, same language), not lazy quantifiers; `(?i)` is literal;
/// - with Elasticsearch's flags, `@` (any string), `&` (intersection), `~` (complement), `#` (empty language) and
///   `<n-m>` (numeric interval) are operators outside character classes;
/// - `"…"` is a literal string, `()` the empty string, `{n,m}` with `n > m` the empty language.
///
/// Compilation builds a Thompson NFA and resolves `&` and `~` through bounded DFAs; the first match determinizes and
/// minimizes the result (see ``RegexAutomaton``). When the DFA would exceed ``Limits/dfaStates``, a union is split
/// into groups of alternatives with one DFA each (`A(B|C)D` is `ABD|ACD`), and what still does not fit runs as a
/// simulated NFA. Literal patterns with optional `.*` ends run on ``WildcardPattern``'s fast paths. Matching is linear
/// in the input for a fixed pattern, never backtracks, and, past the first match, does not allocate (NFA simulation
/// of very large patterns may use a heap scratch buffer).
public struct LuceneRegex: Sendable, Hashable {
  /// Lucene's optional syntax flags. Elasticsearch enables all of them for the `regexp` query (default `ALL`), EQL
  /// `regex` and ES|QL `RLIKE`.
  public struct Options: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `&`: intersection.
    public static let intersection = Options(rawValue: 1 << 0)
    /// `~`: complement.
    public static let complement = Options(rawValue: 1 << 1)
    /// `#`: the empty language.
    public static let emptyLanguage = Options(rawValue: 1 << 2)
    /// `@`: any string.
    public static let anyString = Options(rawValue: 1 << 3)
    /// `<name>`: named automata. Elasticsearch never supplies any, so every name is an error.
    public static let automaton = Options(rawValue: 1 << 4)
    /// `<n-m>`: numeric interval.
    public static let interval = Options(rawValue: 1 << 5)

    /// What Elasticsearch uses (`RegexpFlag.ALL` = Lucene `ALL | DEPRECATED_COMPLEMENT`).
    public static let all: Options = [.intersection, .complement, .emptyLanguage, .anyString, .automaton, .interval]
    /// No optional operator: `&`, `~`, `#`, `@`, `<` are literals.
    public static let none: Options = []
  }

  /// How letters of different case compare.
  public enum CaseMatching: Sendable, Hashable {
    /// Exact scalars.
    case sensitive
    /// Unicode simple lower-case folding of both pattern (classes included) and input.
    case insensitive
    /// Lucene's `ASCII_CASE_INSENSITIVE`, what Elasticsearch's `case_insensitive: true` regexp query uses: only
    /// literal ASCII letters match both cases; ranges, classes and non-ASCII letters stay case-sensitive.
    case asciiLiterals
  }

  /// Size bounds applied at compile time.
  public struct Limits: Sendable, Hashable {
    /// NFA states (counted repetitions multiply); exceeding it is an error.
    public var nfaStates: Int
    /// DFA states for the whole pattern; exceeding it switches to NFA simulation.
    public var dfaStates: Int
    /// DFA states for each operand of `&` and `~`; exceeding it is an error, like Lucene's
    /// `TooComplexToDeterminizeException`.
    public var operatorDFAStates: Int

    public init(nfaStates: Int = 200_000, dfaStates: Int = 2_500, operatorDFAStates: Int = 10_000) {
      self.nfaStates = nfaStates
      self.dfaStates = dfaStates
      self.operatorDFAStates = operatorDFAStates
    }
  }

  /// The pattern text as given.
  public let pattern: String
  /// How case was treated.
  public let caseMatching: CaseMatching
  /// The optional operators that were enabled.
  public let options: Options
  /// The wildcard fast path, known at compile time; otherwise ``automaton`` runs.
  let wildcard: WildcardPattern?
  let automaton: RegexAutomaton?
  /// Texts, ASCII lower-cased, one of which every matching input holds, lower-cased (``RegexNode/requiredLiterals``).
  let requiredLiterals: [[UInt8]]?

  /// How the pattern runs (determinizing it if that has not happened yet).
  var engine: RegexEngine { wildcard.map(RegexEngine.wildcard) ?? automaton!.engine }

  /// Same pattern, case mode and options (the compiled automaton follows from them).
  public static func == (a: LuceneRegex, b: LuceneRegex) -> Bool {
    a.pattern == b.pattern && a.caseMatching == b.caseMatching && a.options == b.options
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(pattern)
    hasher.combine(caseMatching)
    hasher.combine(options)
  }

  /// Compiles `pattern`.
  ///
  /// - Parameters:
  ///   - pattern: the regular expression after the query language's string unescaping.
  ///   - caseInsensitive: `true` for EQL `regex~` (Unicode simple lower-case folding).
  ///   - options: enabled optional operators; Elasticsearch enables ``Options/all``.
  /// - Throws: ``RegexSyntaxError`` with the UTF-8 byte offset of the problem.
  public static func compile(_ pattern: String, caseInsensitive: Bool = false, options: Options = .all)
    throws(RegexSyntaxError) -> LuceneRegex
  {
    try compile(pattern, caseMatching: caseInsensitive ? .insensitive : .sensitive, options: options)
  }

  /// Compiles `pattern` with an explicit case mode and size limits.
  public static func compile(
    _ pattern: String, caseMatching: CaseMatching, options: Options = .all, limits: Limits = Limits()
  ) throws(RegexSyntaxError) -> LuceneRegex {
    let key = CompiledKey(pattern: pattern, caseMatching: caseMatching, options: options, limits: limits)
    return try compiled.value(for: key) { () throws(RegexSyntaxError) -> LuceneRegex in
      var parser = RegexParser(pattern, options: options, caseMatching: caseMatching)
      let node = try parser.parse()
      let fold = caseMatching == .insensitive
      let wildcard = RegexEngine.wildcardEquivalent(node, fold: fold)
      let automaton = wildcard == nil ? try RegexAutomaton(node, limits: limits, fold: fold) : nil
      return LuceneRegex(
        pattern: pattern, caseMatching: caseMatching, options: options, wildcard: wildcard, automaton: automaton,
        requiredLiterals: node.requiredLiterals)
    }
  }

  private struct CompiledKey: Hashable {
    var pattern: String
    var caseMatching: CaseMatching
    var options: Options
    var limits: Limits
  }

  /// Regexes compiled so far: determinizing one can take milliseconds.
  private static let compiled = CompiledCache<CompiledKey, LuceneRegex>()

  /// Whether the whole UTF-8 `input` matches. Allocation-free.
  public func matches(_ input: UnsafeRawBufferPointer) -> Bool {
    if let wildcard { return wildcard.matches(input) }
    return automaton!.matches(input)
  }

  /// Whether the whole of `string` matches (convenience for tests and constant folding).
  public func matches(_ string: String) -> Bool {
    var s = string
    return s.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
  }

  /// Whether matching runs on precomputed DFAs only (rather than simulating an NFA for some part).
  public var isDeterministic: Bool { engine.isDeterministic }
}
