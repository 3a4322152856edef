import VigilSyntax

extension ESQLParserState {
  /// Commands Elasticsearch has that Vigil does not run; they are reported as unsupported, not as unknown.
  static let unsupportedCommands: Set<String> = [
    "row", "enrich", "lookup", "show", "fork", "fuse", "rerank", "sample", "change_point", "insist", "ts",
    "metrics", "explain", "rrf", "fillnull", "set",
  ]

  /// The whole pipeline. Errors are recorded in `diagnostics`; each broken command is skipped up to the next `|`.
  mutating func parseQuery() -> [ESQLCommand] {
    var commands: [ESQLCommand] = []
    if peek().kind == .end {
      diagnostics.append(.error("esql.syntax", "empty query; a query starts with FROM", at: peek().range))
      return commands
    }
    var index = 0
    while true {
      do throws(SyntaxError) {
        commands.append(try parseCommand(first: index == 0))
        let next = peek()
        if next.kind != .pipe, next.kind != .end {
          throw unexpected(next, expected: "'|' or end of query")
        }
      } catch {
        diagnostics.append(.error("esql.syntax", error.message, at: error.range))
        while peek().kind != .pipe, peek().kind != .end { advance() }
      }
      if peek().kind == .end { break }
      let pipe = advance()
      if peek().kind == .end {
        diagnostics.append(.error("esql.syntax", "expected a command after '|'", at: pipe.range))
        break
      }
      index += 1
    }
    return commands
  }

  private mutating func parseCommand(first: Bool) throws(SyntaxError) -> ESQLCommand {
    let token = peek()
    guard token.kind == .word else { throw unexpected(token, expected: "a command") }
    let word = text(token).lowercased()
    let start = token.range.lowerBound
    if word == "from" {
      guard first else { throw SyntaxError(message: "FROM can only start a query", range: token.range) }
    } else if first, !Self.unsupportedCommands.contains(word) {
      throw SyntaxError(message: "a query must start with FROM, found \(describe(token))", range: token.range)
    }
    let kind: ESQLCommand.Kind
    advance()
    switch word {
    case "from": kind = .from(try parseFrom())
    case "where": kind = .where(try parseBoolean())
    case "eval": kind = .eval(try parseAssignments())
    case "stats": kind = .stats(try parseStats(inline: false))
    case "inlinestats": kind = .stats(try parseStats(inline: true))
    case "inline":
      _ = try expectWord("stats")
      kind = .stats(try parseStats(inline: true))
    case "keep": kind = .keep(try parseNamePatterns())
    case "drop": kind = .drop(try parseNamePatterns())
    case "rename": kind = .rename(try parseRenames())
    case "sort": kind = .sort(try parseSortKeys())
    case "limit": kind = .limit(try parseLimit())
    case "mv_expand": kind = .mvExpand(try parseNamePattern(allowWildcard: false))
    case "dissect": kind = .dissect(try parseDissect())
    case "grok": kind = .grok(try parseGrok())
    case "completion": kind = .completion(try parseCompletion())
    default:
      var range = token.range
      if word == "lookup", atWord("join") { range = range.lowerBound..<advance().range.upperBound }
      let name = text(range).uppercased()
      if Self.unsupportedCommands.contains(word) {
        throw SyntaxError(message: "the \(name) command is not supported by Vigil", range: range)
      }
      throw SyntaxError(message: "unknown command \(describe(token))", range: token.range)
    }
    return ESQLCommand(kind, range: start..<max(start, position))
  }

  /// `FROM source, … [METADATA name, …]`. Sources follow the lexical rules of Elasticsearch's FROM mode: a quoted
  /// string, or a run of bytes other than white space, `,`, `|`, `"`, brackets, parentheses and comment starts.
  private mutating func parseFrom() throws(SyntaxError) -> ESQLFrom {
    var sources: [ESQLFrom.Source] = []
    repeat {
      let start = lexer.skipTrivia(from: position).offset
      reset(to: start)
      if start < bytes.count, bytes[start] == UInt8(ascii: "\"") {
        let string = try parseString("an index pattern")
        sources.append(ESQLFrom.Source(pattern: string.value, range: string.range))
      } else {
        var end = start
        while end < bytes.count, Self.isSourceByte(at: end, in: bytes) { end += 1 }
        guard end > start else { throw unexpected(peek(), expected: "an index pattern") }
        sources.append(ESQLFrom.Source(pattern: text(start..<end), range: start..<end))
        reset(to: end)
      }
    } while takeComma()
    var metadata: [ESQLNamePattern] = []
    if take("metadata") != nil {
      repeat {
        metadata.append(try parseNamePattern(allowWildcard: false))
      } while takeComma()
    }
    return ESQLFrom(sources: sources, metadata: metadata)
  }

  private static func isSourceByte(at index: Int, in bytes: [UInt8]) -> Bool {
    switch bytes[index] {
    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: "\""), UInt8(ascii: "("),
      UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"):
      return false
    case UInt8(ascii: "/"):
      guard index + 1 < bytes.count else { return true }
      return bytes[index + 1] != UInt8(ascii: "/") && bytes[index + 1] != UInt8(ascii: "*")
    default:
      return true
    }
  }

  /// `[name =] booleanExpression`, as in EVAL, STATS and BY.
  private mutating func parseAssignment() throws(SyntaxError) -> ESQLAssignment {
    let start = position
    if startsName(peek()) {
      let name = try parseQualifiedName()
      if peek().kind == .assign {
        advance()
        let expression = try parseBoolean()
        return ESQLAssignment(
          target: name.name, expression: expression, range: name.range.lowerBound..<expression.range.upperBound)
      }
      reset(to: start)
    }
    let expression = try parseBoolean()
    return ESQLAssignment(target: nil, expression: expression, range: expression.range)
  }

  private mutating func parseAssignments() throws(SyntaxError) -> [ESQLAssignment] {
    var assignments: [ESQLAssignment] = []
    repeat {
      assignments.append(try parseAssignment())
    } while takeComma()
    return assignments
  }

  private mutating func parseStats(inline: Bool) throws(SyntaxError) -> ESQLStats {
    var aggregates: [ESQLStats.Aggregate] = []
    if !atWord("by"), peek().kind != .pipe, peek().kind != .end {
      repeat {
        let assignment = try parseAssignment()
        var filter: ESQLExpression?
        if take("where") != nil { filter = try parseBoolean() }
        let end = filter?.range.upperBound ?? assignment.range.upperBound
        aggregates.append(
          ESQLStats.Aggregate(assignment: assignment, filter: filter, range: assignment.range.lowerBound..<end))
      } while takeComma()
    }
    var groupings: [ESQLAssignment] = []
    if take("by") != nil { groupings = try parseAssignments() }
    if aggregates.isEmpty, groupings.isEmpty {
      throw unexpected(peek(), expected: "an aggregation or BY")
    }
    return ESQLStats(inline: inline, aggregates: aggregates, groupings: groupings)
  }

  private mutating func parseNamePatterns() throws(SyntaxError) -> [ESQLNamePattern] {
    var patterns: [ESQLNamePattern] = []
    repeat {
      patterns.append(try parseNamePattern(allowWildcard: true))
    } while takeComma()
    return patterns
  }

  /// `old AS new` or `new = old`, comma-separated.
  private mutating func parseRenames() throws(SyntaxError) -> [ESQLRename] {
    var renames: [ESQLRename] = []
    repeat {
      let first = try parseNamePattern(allowWildcard: true)
      if take("as") != nil {
        let new = try parseNamePattern(allowWildcard: true)
        renames.append(ESQLRename(old: first, new: new, range: first.range.lowerBound..<new.range.upperBound))
      } else if peek().kind == .assign {
        advance()
        let old = try parseNamePattern(allowWildcard: true)
        renames.append(ESQLRename(old: old, new: first, range: first.range.lowerBound..<old.range.upperBound))
      } else {
        throw unexpected(peek(), expected: "AS or '='")
      }
    } while takeComma()
    return renames
  }

  private mutating func parseSortKeys() throws(SyntaxError) -> [ESQLSortKey] {
    var keys: [ESQLSortKey] = []
    repeat {
      let expression = try parseBoolean()
      var end = expression.range.upperBound
      var ascending = true
      var explicit = false
      if let direction = take("asc") ?? take("desc") {
        ascending = text(direction).lowercased() == "asc"
        explicit = true
        end = direction.range.upperBound
      }
      var nullsFirst: Bool?
      if take("nulls") != nil {
        if let word = take("first") ?? take("last") {
          nullsFirst = text(word).lowercased() == "first"
          end = word.range.upperBound
        } else {
          throw unexpected(peek(), expected: "FIRST or LAST after NULLS")
        }
      }
      keys.append(
        ESQLSortKey(
          expression: expression, ascending: ascending, explicitDirection: explicit, nullsFirst: nullsFirst,
          range: expression.range.lowerBound..<end))
    } while takeComma()
    return keys
  }

  private mutating func parseLimit() throws(SyntaxError) -> Int64 {
    let token = peek()
    guard token.kind == .integer, let value = Int64(text(token)) else {
      throw unexpected(token, expected: "a non-negative integer after LIMIT")
    }
    advance()
    return value
  }

  /// `DISSECT input "pattern" [APPEND_SEPARATOR = "sep"]`.
  private mutating func parseDissect() throws(SyntaxError) -> ESQLDissect {
    let input = try parseCastable()
    let pattern = try parseString("a dissect pattern string")
    var separator: String?
    while peek().kind == .word {
      let option = advance()
      guard text(option).lowercased() == "append_separator" else {
        throw SyntaxError(
          message: "unknown DISSECT option '\(text(option))' (the only option is APPEND_SEPARATOR)", range: option.range
        )
      }
      try expect(.assign, "'=' after APPEND_SEPARATOR")
      separator = try parseString("a separator string").value
      if peek().kind == .comma { advance() }
    }
    return ESQLDissect(input: input, pattern: pattern.value, patternRange: pattern.range, appendSeparator: separator)
  }

  /// `GROK input "pattern" [, "pattern" …]`.
  private mutating func parseGrok() throws(SyntaxError) -> ESQLGrok {
    let input = try parseCastable()
    let first = try parseString("a grok pattern string")
    var patterns = [first.value]
    var end = first.range.upperBound
    while peek().kind == .comma {
      advance()
      let next = try parseString("a grok pattern string")
      patterns.append(next.value)
      end = next.range.upperBound
    }
    return ESQLGrok(input: input, patterns: patterns, patternRange: first.range.lowerBound..<end)
  }

  /// `COMPLETION [target =] prompt WITH {options}` or `COMPLETION prompt WITH inference_id [AS target]`.
  private mutating func parseCompletion() throws(SyntaxError) -> ESQLCompletion {
    var target: String?
    let start = position
    if startsName(peek()) {
      let name = try parseQualifiedName()
      if peek().kind == .assign {
        advance()
        target = name.name
      } else {
        reset(to: start)
      }
    }
    let prompt = try parseCastable()
    _ = try expectWord("with")
    var options: [ESQLMapEntry]
    if peek().kind == .leftBrace {
      options = try parseMap()
    } else {
      let id: (value: String, range: Range<Int>)
      if case .string = peek().kind {
        id = try parseString("an inference id")
      } else {
        let name = try parseQualifiedName()
        id = (name.name, name.range)
      }
      options = [ESQLMapEntry(key: "inference_id", value: .string(id.value), range: id.range)]
      if take("as") != nil {
        let name = try parseQualifiedName()
        guard target == nil else {
          throw SyntaxError(message: "COMPLETION target given twice", range: name.range)
        }
        target = name.name
      }
    }
    return ESQLCompletion(target: target, prompt: prompt, options: options)
  }
}
