/// Recursive-descent parser for Lucene `RegExp` syntax, following its grammar and its quirks:
///
/// - A character with no other reading is a literal, so a leading `*`, `+`, `?`, `{`, `)` or `|` (and `&`, `~`, `@`,
///   `#`, `<` when their operator is off) is literal: `*sh` is `\*sh`, `a||b` is `a|\|b`.
/// - `\` escapes any character; `\d \D \s \S \w \W` are classes (`\s` is `[ \t\n\r]`, `\w` is `[a-zA-Z_0-9]`);
///   a backslash before any other ASCII letter is an error.
/// - `*?` and `+?` are two operators (optional repetition), not lazy quantifiers: same language.
/// - `{n,m}` with `n > m` is the empty language; `"…"` is a literal string without escapes; `()` the empty string.
struct RegexParser {
  let scalars: [UInt32]
  /// UTF-8 byte offset of each scalar, plus the total length at the end.
  let offsets: [Int]
  let options: LuceneRegex.Options
  let caseMatching: LuceneRegex.CaseMatching
  var pos = 0
  /// Nesting of groups, `~`, `&` and repetition operators; bounded so no pattern can exhaust the stack.
  private var depth = 0
  static let maxDepth = 100

  init(_ pattern: String, options: LuceneRegex.Options, caseMatching: LuceneRegex.CaseMatching) {
    var scalars: [UInt32] = []
    var offsets: [Int] = []
    var offset = 0
    for s in pattern.unicodeScalars {
      scalars.append(s.value)
      offsets.append(offset)
      offset += UTF8Scalars.encodedLength(s.value)
    }
    offsets.append(offset)
    self.scalars = scalars
    self.offsets = offsets
    self.options = options
    self.caseMatching = caseMatching
  }

  mutating func parse() throws(RegexSyntaxError) -> RegexNode {
    if scalars.isEmpty { return .string([]) }
    let e = try parseUnion()
    if more { throw error("end-of-string expected") }
    return e
  }

  // MARK: Cursor

  private var more: Bool { pos < scalars.count }

  private func peek(_ chars: String) -> Bool {
    more && chars.unicodeScalars.contains { $0.value == scalars[pos] }
  }

  private mutating func match(_ c: Unicode.Scalar) -> Bool {
    if more && scalars[pos] == c.value {
      pos += 1
      return true
    }
    return false
  }

  private mutating func next() throws(RegexSyntaxError) -> UInt32 {
    guard more else { throw error("unexpected end-of-string") }
    pos += 1
    return scalars[pos - 1]
  }

  private func error(_ message: String, at p: Int? = nil) -> RegexSyntaxError {
    RegexSyntaxError(message, offset: offsets[min(p ?? pos, scalars.count)])
  }

  private mutating func enter() throws(RegexSyntaxError) {
    depth += 1
    if depth > Self.maxDepth {
      throw error("regular expression is nested too deeply (more than \(Self.maxDepth) levels)")
    }
  }

  // MARK: Grammar

  private mutating func parseUnion() throws(RegexSyntaxError) -> RegexNode {
    var alternatives = [try parseIntersection()]
    while match("|") { alternatives.append(try parseIntersection()) }
    return alternatives.count == 1 ? alternatives[0] : .union(alternatives)
  }

  private mutating func parseIntersection() throws(RegexSyntaxError) -> RegexNode {
    let e = try parseConcat()
    if options.contains(.intersection) && match("&") {
      try enter()
      defer { depth -= 1 }
      return .intersection(e, try parseIntersection())
    }
    return e
  }

  private mutating func parseConcat() throws(RegexSyntaxError) -> RegexNode {
    var items = [try parseRepeat()]
    while more && !peek(")|") && !(options.contains(.intersection) && peek("&")) { items.append(try parseRepeat()) }
    return items.count == 1 ? items[0] : .concat(items)
  }

  private mutating func parseRepeat() throws(RegexSyntaxError) -> RegexNode {
    var e = try parseComplement()
    let outer = depth
    defer { depth = outer }
    while peek("?*+{") {
      try enter()
      if match("?") {
        e = .repeat(e, min: 0, max: 1)
      } else if match("*") {
        e = .repeat(e, min: 0, max: nil)
      } else if match("+") {
        e = .repeat(e, min: 1, max: nil)
      } else if match("{") {
        guard let n = try parseInteger() else { throw error("integer expected") }
        var m: Int? = n
        if match(",") { m = try parseInteger() }
        guard match("}") else { throw error("expected '}'") }
        e = .repeat(e, min: n, max: m)
      }
    }
    return e
  }

  private mutating func parseInteger() throws(RegexSyntaxError) -> Int? {
    let start = pos
    var value = 0
    while peek("0123456789") {
      value = value * 10 + Int(scalars[pos] - 0x30)
      if value > Int(Int32.max) { throw error("integer too large", at: start) }
      pos += 1
    }
    return pos == start ? nil : value
  }

  private mutating func parseComplement() throws(RegexSyntaxError) -> RegexNode {
    if options.contains(.complement) && match("~") {
      try enter()
      defer { depth -= 1 }
      return .complement(try parseComplement())
    }
    return try parseClassExpression()
  }

  private mutating func parseClassExpression() throws(RegexSyntaxError) -> RegexNode {
    guard match("[") else { return try parseSimple() }
    let negate = match("^")
    var set = try parseClassItem()
    while more && !peek("]") { set = set.union(try parseClassItem()) }
    if negate { set = set.inverted() }
    guard match("]") else { throw error("expected ']'") }
    return .set(set)
  }

  /// A class member: `\d`-style class, `a-z` range or single character; folded as the case option asks.
  private mutating func parseClassItem() throws(RegexSyntaxError) -> ScalarSet {
    if let predefined = try matchPredefinedClass() { return predefined }
    let start = pos
    let c = try parseCharacter()
    if match("-") {
      let d = try parseCharacter()
      guard c <= d else { throw error("invalid range: from (\(c)) cannot be > to (\(d))", at: start) }
      let range = ScalarSet(c, d)
      return caseMatching == .insensitive ? range.closedUnderLowercase() : range
    }
    return literalSet(c)
  }

  private func literalSet(_ c: UInt32) -> ScalarSet {
    switch caseMatching {
    case .sensitive: ScalarSet(c)
    case .insensitive: ScalarSet(CaseFolding.lowercase(c))
    case .asciiLiterals: ScalarSet.asciiCaseInsensitive(c)
    }
  }

  /// After a backslash: a shorthand class, an escaped backslash, or `nil` with the backslash consumed (the caller
  /// then reads the escaped character), as Lucene does.
  private mutating func matchPredefinedClass() throws(RegexSyntaxError) -> ScalarSet? {
    guard match("\\") else { return nil }
    if more {
      let c = scalars[pos]
      if let set = Self.shorthand(c) {
        pos += 1
        // Classes are positive sets folded before any negation, so `\W` excludes both cases of letters.
        if caseMatching == .insensitive {
          let base = Self.shorthand(c | 0x20)!.closedUnderLowercase()
          return c & 0x20 == 0 ? base.inverted() : base
        }
        return set
      }
      if c == 0x5C {
        pos += 1
        return literalSet(c)
      }
      if (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) {
        throw error("invalid character class \\\(Character(Unicode.Scalar(c)!))", at: pos - 1)
      }
    }
    return nil
  }

  private static func shorthand(_ c: UInt32) -> ScalarSet? {
    let digit = ScalarSet(0x30, 0x39)
    let space = ScalarSet(unsorted: [0x20...0x20, 0x09...0x0A, 0x0D...0x0D])
    let word = ScalarSet(unsorted: [0x61...0x7A, 0x41...0x5A, 0x5F...0x5F, 0x30...0x39])
    switch c {
    case 0x64: return digit
    case 0x44: return digit.inverted()
    case 0x73: return space
    case 0x53: return space.inverted()
    case 0x77: return word
    case 0x57: return word.inverted()
    default: return nil
    }
  }

  private mutating func parseCharacter() throws(RegexSyntaxError) -> UInt32 {
    _ = match("\\")
    return try next()
  }

  private mutating func parseSimple() throws(RegexSyntaxError) -> RegexNode {
    if match(".") { return .set(.all) }
    if options.contains(.emptyLanguage) && match("#") { return .emptyLanguage }
    if options.contains(.anyString) && match("@") { return .anyString }
    if match("\"") {
      let start = pos
      while more && !peek("\"") { pos += 1 }
      guard match("\"") else { throw error("expected '\"'") }
      return literalString(Array(scalars[start..<(pos - 1)]))
    }
    if match("(") {
      if match(")") { return .string([]) }
      try enter()
      defer { depth -= 1 }
      let e = try parseUnion()
      guard match(")") else { throw error("expected ')'") }
      return e
    }
    if (options.contains(.automaton) || options.contains(.interval)) && match("<") {
      return try parseAngle()
    }
    if let predefined = try matchPredefinedClass() { return .set(predefined) }
    return .set(literalSet(try parseCharacter()))
  }

  private func literalString(_ s: [UInt32]) -> RegexNode {
    switch caseMatching {
    case .sensitive: .string(s)
    case .insensitive: .string(s.map(CaseFolding.lowercase))
    case .asciiLiterals: .concat(s.map { .set(ScalarSet.asciiCaseInsensitive($0)) })
    }
  }

  /// `<n-m>` numeric interval or `<name>` named automaton (none are ever defined, as in Elasticsearch).
  private mutating func parseAngle() throws(RegexSyntaxError) -> RegexNode {
    let open = pos - 1
    let start = pos
    while more && !peek(">") { pos += 1 }
    guard match(">") else { throw error("expected '>'") }
    let body = Array(scalars[start..<(pos - 1)])
    let dashes = body.indices.filter { body[$0] == 0x2D }
    guard let dash = dashes.first else {
      guard options.contains(.automaton) else { throw error("interval syntax error", at: pos - 1) }
      let name = String(String.UnicodeScalarView(body.compactMap(Unicode.Scalar.init)))
      throw error("'\(name)' not found", at: open)
    }
    guard options.contains(.interval) else { throw error("illegal identifier", at: pos - 1) }
    guard dash != 0, dash != body.count - 1, dashes.count == 1,
      let lo = Self.decimal(body[..<dash]), let hi = Self.decimal(body[(dash + 1)...])
    else { throw error("interval syntax error", at: pos - 1) }
    let digits = dash == body.count - dash - 1 ? dash : 0
    return .interval(min: min(lo, hi), max: max(lo, hi), digits: digits)
  }

  private static func decimal(_ digits: ArraySlice<UInt32>) -> Int? {
    var v = 0
    for d in digits {
      guard (0x30...0x39).contains(d) else { return nil }
      v = v * 10 + Int(d - 0x30)
      if v > Int(Int32.max) { return nil }
    }
    return v
  }
}
