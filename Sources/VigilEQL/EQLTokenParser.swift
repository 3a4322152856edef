/// The recursive-descent parser behind ``EQLParser``: query structure (event filters, sequences, samples, pipes).
/// Expressions are in `EQLTokenParser+Expression.swift`. Stops at the first syntax error, as Elasticsearch does.
struct EQLTokenParser {
  var tokens: [EQLToken]
  var index = 0
  var depth = 0
  static let maximumDepth = 200

  init(tokens: [EQLToken]) {
    self.tokens = tokens
  }

  var current: EQLToken { tokens[index] }

  func peek(_ offset: Int = 1) -> EQLToken { tokens[min(index + offset, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> EQLToken {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  /// The end of the previous token: where a node that ended there stops.
  var previousEnd: Int { index > 0 ? tokens[index - 1].range.upperBound : 0 }

  mutating func accept(_ keyword: EQLKeyword) -> EQLToken? {
    current.isKeyword(keyword) ? advance() : nil
  }

  mutating func accept(_ symbol: EQLSymbol) -> EQLToken? {
    current.isSymbol(symbol) ? advance() : nil
  }

  mutating func expect(_ keyword: EQLKeyword, _ context: String) throws(EQLSyntaxError) -> EQLToken {
    if let token = accept(keyword) { return token }
    throw unexpected("expected `\(keyword.rawValue)` \(context)")
  }

  mutating func expect(_ symbol: EQLSymbol, _ context: String) throws(EQLSyntaxError) -> EQLToken {
    if let token = accept(symbol) { return token }
    throw unexpected("expected `\(symbol.rawValue)` \(context)")
  }

  /// An error at the current token: "`expectation`, found `token`", with a hint for upper-case keywords.
  func unexpected(_ expectation: String, notes: [String] = []) -> EQLSyntaxError {
    var notes = notes
    let token = current
    if token.kind == .identifier, let keyword = EQLKeyword(rawValue: token.value.lowercased()) {
      notes.append("EQL keywords are lower case: write `\(keyword.rawValue)`")
    }
    return EQLSyntaxError("eql.syntax", "\(expectation), found \(Self.describe(token))", at: token.range, notes: notes)
  }

  static func describe(_ token: EQLToken) -> String {
    switch token.kind {
    case .end: "end of query"
    case .string: "string \"\(token.value.count > 30 ? String(token.value.prefix(30)) + "…" : token.value)\""
    case .quotedIdentifier: "`` `\(token.value)` ``"
    default: "`\(token.value)`"
    }
  }

  mutating func enter() throws(EQLSyntaxError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw EQLSyntaxError(
        "eql.syntax", "query is nested too deeply (more than \(Self.maximumDepth) levels)",
        at: current.range)
    }
  }

  // MARK: - Statement

  mutating func parseStatement() throws(EQLSyntaxError) -> EQLQuery {
    let start = current.range.lowerBound
    let body: EQLQuery.Body
    if current.isKeyword(.sequence) {
      body = .sequence(try parseSequence())
    } else if current.isKeyword(.sample) {
      body = .sample(try parseSample())
    } else if current.isKeyword(.join) {
      throw EQLSyntaxError(
        "eql.unsupported", "`join` is not supported by Elasticsearch EQL", at: current.range,
        notes: ["use `sequence` (ordered) or `sample` (unordered) instead"])
    } else {
      body = .event(
        try parseEventFilter(context: "to start a query (an event category, `any`, `sequence` or `sample`)"))
    }
    let bodyEnd = previousEnd
    var pipes: [EQLPipe] = []
    while current.isSymbol(.pipe) {
      pipes.append(try parsePipe())
    }
    guard current.kind == .end else {
      if current.isSymbol(.leftBracket) || current.isSymbol(.missingOpen), case .event = body {
        throw unexpected(
          "unexpected subquery after an event query", notes: ["subqueries `[…]` belong to `sequence` or `sample`"])
      }
      throw unexpected("expected end of query or `|`")
    }
    return EQLQuery(body: body, pipes: pipes, range: start..<max(bodyEnd, previousEnd))
  }

  // MARK: - Event filter

  mutating func parseEventFilter(context: String) throws(EQLSyntaxError) -> EQLEventFilter {
    let token = current
    let category: String?
    switch token.kind {
    case .keyword(.any):
      category = nil
    case .identifier, .string:
      category = token.value
    case .quotedIdentifier:
      throw EQLSyntaxError(
        "eql.syntax", "an event category is escaped with double quotes, not backquotes", at: token.range,
        notes: ["write \"\(token.value)\""])
    default:
      throw unexpected("expected an event category or `any` \(context)")
    }
    advance()
    guard current.isKeyword(.where) else {
      var notes: [String] = []
      if token.kind == .identifier, let keyword = EQLKeyword(rawValue: token.value.lowercased()) {
        notes.append("EQL keywords are lower case: write `\(keyword.rawValue)`")
      }
      if token.kind == .identifier, current.isSymbol(.dot) || current.isSymbol(.equal) || current.isSymbol(.colon) {
        notes.append("a query starts with an event category: `any where \(token.value)…` or `process where …`")
      }
      throw unexpected("expected `where` after the event category", notes: notes)
    }
    advance()
    let condition = try parseExpression()
    return EQLEventFilter(
      category: category, categoryRange: token.range, condition: condition,
      range: token.range.lowerBound..<condition.range.upperBound)
  }

  /// `[filter]` or `![filter]`; returns the filter, whether it is a missing event, and the bracketed range.
  mutating func parseSubquery() throws(EQLSyntaxError) -> (EQLEventFilter, isMissing: Bool, Range<Int>) {
    let open = current
    guard open.isSymbol(.leftBracket) || open.isSymbol(.missingOpen) else {
      throw unexpected("expected `[` to start a subquery")
    }
    advance()
    let filter = try parseEventFilter(context: "inside `[…]`")
    let close = try expect(.rightBracket, "to close the subquery")
    return (filter, open.isSymbol(.missingOpen), open.range.lowerBound..<close.range.upperBound)
  }

  mutating func parseJoinKeys() throws(EQLSyntaxError) -> [EQLField] {
    guard accept(.by) != nil else { return [] }
    var keys: [EQLField] = []
    repeat {
      let expression = try parseExpression()
      guard case .field(let field) = expression else {
        throw EQLSyntaxError(
          "eql.syntax", "a join key must be a field name", at: expression.range,
          notes: ["Elasticsearch joins on field values only"])
      }
      keys.append(field)
    } while accept(.comma) != nil
    return keys
  }

  // MARK: - Sequence

  mutating func parseSequence() throws(EQLSyntaxError) -> EQLSequence {
    let start = advance().range.lowerBound
    let keys = try parseJoinKeys()
    var maxspan: EQLTimeSpan?
    if current.isKeyword(.with) {
      maxspan = try parseMaxspan()
      if current.isKeyword(.by) {
        throw EQLSyntaxError("eql.syntax", "please specify sequence [by] before [with] not after", at: current.range)
      }
    }
    var terms: [EQLSequenceTerm] = []
    while current.isSymbol(.leftBracket) || current.isSymbol(.missingOpen) {
      terms.append(try parseSequenceTerm())
    }
    if terms.isEmpty { throw unexpected("expected `[` to start the first subquery of the sequence") }
    var until: EQLSequenceTerm?
    if accept(.until) != nil {
      until = try parseSequenceTerm()
    }
    return EQLSequence(keys: keys, maxspan: maxspan, terms: terms, until: until, range: start..<previousEnd)
  }

  mutating func parseMaxspan() throws(EQLSyntaxError) -> EQLTimeSpan {
    advance()  // with
    if current.kind == .identifier, current.value == "runs" {
      throw unexpected(
        "expected `maxspan`", notes: ["`with runs=N` goes after a subquery: `[process where …] with runs=3`"])
    }
    _ = try expect(.maxspan, "after `sequence with`")
    _ = try expect(.assign, "after `maxspan`")
    let number = current
    guard number.kind == .integer || number.kind == .decimal else {
      throw unexpected("expected a time span such as `5m` after `maxspan=`")
    }
    advance()
    guard number.kind == .integer else {
      throw EQLSyntaxError(
        "eql.maxspan", "decimal time interval [\(number.value)] not supported; please use a positive integer",
        at: number.range)
    }
    guard let value = Int64(number.value), value > 0 else {
      throw EQLSyntaxError(
        "eql.maxspan", "a positive maxspan value is required; found [\(number.value)]", at: number.range)
    }
    guard current.kind == .identifier else {
      throw EQLSyntaxError(
        "eql.maxspan", "no time unit specified, did you mean [s] as in [\(number.value)s]?", at: number.range)
    }
    let unitToken = advance()
    guard let unit = EQLTimeSpan.Unit(rawValue: unitToken.value) else {
      let spelled = number.value + unitToken.value
      throw EQLSyntaxError(
        "eql.maxspan",
        "unrecognized time unit [\(unitToken.value)] in [\(spelled)], please specify one of [ms, s, m, h, d]",
        at: unitToken.range)
    }
    return EQLTimeSpan(value: value, unit: unit, range: number.range.lowerBound..<unitToken.range.upperBound)
  }

  mutating func parseSequenceTerm() throws(EQLSyntaxError) -> EQLSequenceTerm {
    let (filter, isMissing, subqueryRange) = try parseSubquery()
    let keys = try parseJoinKeys()
    var runs: Int?
    var runsRange: Range<Int>?
    if current.isKeyword(.with) {
      let with = advance()
      if current.isKeyword(.maxspan) {
        throw unexpected(
          "expected `runs`", notes: ["`with maxspan=…` goes right after `sequence` and its `by` keys"])
      }
      guard current.kind == .identifier else { throw unexpected("expected `runs` after `with`") }
      let option = advance()
      guard option.value == "runs" else {
        throw EQLSyntaxError("eql.syntax", "unrecognized option [\(option.value)], expecting [runs]", at: option.range)
      }
      _ = try expect(.assign, "after `runs`")
      let number = current
      guard number.kind == .integer || number.kind == .decimal else {
        throw unexpected("expected a number of runs after `runs=`")
      }
      advance()
      guard number.kind == .integer, let value = Int(number.value) else {
        throw EQLSyntaxError("eql.runs", "runs must be a whole number; found [\(number.value)]", at: number.range)
      }
      runs = value
      runsRange = with.range.lowerBound..<number.range.upperBound
    }
    return EQLSequenceTerm(
      filter: filter, keys: keys, runs: runs, runsRange: runsRange, isMissing: isMissing,
      range: subqueryRange.lowerBound..<previousEnd)
  }

  // MARK: - Sample

  mutating func parseSample() throws(EQLSyntaxError) -> EQLSample {
    let start = advance().range.lowerBound
    let keys = try parseJoinKeys()
    if current.isKeyword(.with) {
      throw unexpected("expected `[`", notes: ["`sample` takes no `with` options"])
    }
    var terms: [EQLSampleTerm] = []
    while current.isSymbol(.leftBracket) || current.isSymbol(.missingOpen) {
      let open = current
      let (filter, isMissing, subqueryRange) = try parseSubquery()
      if isMissing {
        throw EQLSyntaxError(
          "eql.unsupported", "missing events `![…]` are only supported in sequences", at: open.range)
      }
      let termKeys = try parseJoinKeys()
      terms.append(EQLSampleTerm(filter: filter, keys: termKeys, range: subqueryRange.lowerBound..<previousEnd))
    }
    if terms.isEmpty { throw unexpected("expected `[` to start the first subquery of the sample") }
    if current.isKeyword(.until) {
      throw EQLSyntaxError("eql.unsupported", "`until` is only supported in sequences", at: current.range)
    }
    return EQLSample(keys: keys, terms: terms, range: start..<previousEnd)
  }

  // MARK: - Pipes

  static let unsupportedPipes: Set<String> = ["count", "filter", "sort", "unique", "unique_count"]

  mutating func parsePipe() throws(EQLSyntaxError) -> EQLPipe {
    let bar = advance()
    guard current.kind == .identifier else { throw unexpected("expected a pipe name after `|`") }
    let nameToken = advance()
    let name = nameToken.value
    if Self.unsupportedPipes.contains(name) {
      throw EQLSyntaxError(
        "eql.unsupported", "pipe [\(name)] is not supported", at: nameToken.range,
        notes: ["Elasticsearch EQL supports only the `head` and `tail` pipes"])
    }
    guard let kind = EQLPipe.Kind(rawValue: name) else {
      let known = ["head", "tail"].filter { EQLSpelling.isSimilar(name, $0) }
      var message = "unrecognized pipe [\(name)]"
      if let suggestion = known.first { message += ", did you mean [\(suggestion)]?" }
      throw EQLSyntaxError("eql.syntax", message, at: nameToken.range)
    }
    var arguments: [EQLExpression] = []
    if !(current.isSymbol(.pipe) || current.kind == .end) {
      repeat { arguments.append(try parseExpression()) } while accept(.comma) != nil
    }
    let range = bar.range.lowerBound..<previousEnd
    guard arguments.count == 1 else {
      throw EQLSyntaxError(
        "eql.pipe", "pipe [\(name)] expects exactly one argument but found [\(arguments.count)]", at: range)
    }
    guard case .literal(.integer(let count), _) = arguments[0], count >= 0 else {
      throw EQLSyntaxError("eql.pipe", "pipe [\(name)] expects a positive integer", at: arguments[0].range)
    }
    return EQLPipe(kind: kind, count: count, range: range)
  }
}
