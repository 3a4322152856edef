import VigilEvents
import VigilQuery

/// A condition of an opening `WHERE` that compares a keyword field with constant strings (`event.type == "start"`,
/// `TO_LOWER(process.name) IN ("cmd.exe", "sh")`, `event.action != "fork"`) or patterns (`TO_LOWER(process.executable)
/// LIKE "c:\\windows\\*"`), decided on the event's bytes when the field has one ASCII string value, or that tests
/// whether it has a value at all (`agent.id IS NOT NULL`), decided on every event: the row filter then makes no value
/// for it (a lower-cased value is a new string).
///
/// With ASCII constants, the condition on such a value is a lookup in the constants: texts are equal when their bytes
/// are, and ASCII lower-cases to ASCII. A non-ASCII constant may still equal an ASCII text ignoring case (KELVIN SIGN
/// lower-cases to `k`), so a condition with one has no shortcut; nor has a pattern matched against a lower-cased value
/// unless it is ASCII without capitals (the lower-cased value then matches it exactly when the value matches it
/// ignoring ASCII case). Other values (absent, several, not strings, not ASCII) are left to the evaluator, which
/// decides them as ever (multi-values with a warning).
struct ESQLKeywordShortcut: Sendable {
  let field: FieldID
  /// What the field's value is tested against.
  let test: Test
  /// `!=`, `NOT IN`, `NOT LIKE`, `NOT (…)` or `IS NULL`: the condition holds when the value is not among the
  /// constants or matches none of the patterns, or when the field has no value.
  let negated: Bool

  enum Test: Sendable {
    /// `IS NULL` and `IS NOT NULL`.
    case hasValue
    /// The constants an ASCII value can equal, folded when the value is compared lower-cased.
    case constants(ByteStringSet)
    /// `LIKE` patterns, matching ASCII case-insensitively when the value is compared lower-cased.
    case patterns(WildcardList)
  }

  /// The shortcut of `expression` (one conjunct of the opening `WHERE`), when it has one; `sources` and `slots` say
  /// where its columns come from.
  init?(_ expression: ESQLCompiledExpression, sources: [ESQLBoundRow.Source], slots: [Int]) {
    var negated = false
    var expression = expression
    if case .not(let inner) = expression {
      negated = true
      expression = inner
    }
    let operand: ESQLCompiledExpression
    var texts: [String] = []
    var patterns: [WildcardPattern] = []
    var ignoringCase = false
    switch expression {
    case .binary(let op, let lhs, let rhs) where op == .equal || op == .notEqual || op == .equalIgnoringCase:
      if case .constant(.string(let text)) = rhs {
        operand = lhs
        texts = [text]
      } else if case .constant(.string(let text)) = lhs {
        operand = rhs
        texts = [text]
      } else {
        return nil
      }
      if op == .notEqual { negated.toggle() }
      ignoringCase = op == .equalIgnoringCase
    case .isNull(let operand, let notNull):
      // A keyword's value is `null` exactly when the field has no value but JSON `null`s and objects (ES|QL reads
      // every other JSON value of a keyword field as its text).
      guard case .column(let column) = operand, column < slots.count, slots[column] >= 0,
        case .field(let id, let type, _) = sources[slots[column]], type?.isKeyword == true
      else { return nil }
      field = id
      test = .hasValue
      self.negated = notNull == negated
      return
    case .isIn(let value, let items, _, let negatedList):
      for item in items {
        guard case .constant(.string(let text)) = item else { return nil }
        texts.append(text)
      }
      operand = value
      if negatedList { negated.toggle() }
    case .like(let value, let matchers, let negatedLike):
      for matcher in matchers {
        guard case .wildcard(let pattern) = matcher else { return nil }
        patterns.append(pattern)
      }
      operand = value
      if negatedLike { negated.toggle() }
    default:
      return nil
    }
    var lowered = ignoringCase
    var column: Int
    switch operand {
    case .column(let number): column = number
    case .convert(.column(let number), .lower):
      // `TO_LOWER` compiles to a conversion.
      column = number
      lowered = true
    default: return nil
    }
    guard column < slots.count, slots[column] >= 0,
      case .field(let id, let type, let caseless) = sources[slots[column]],
      type?.isKeyword == true, texts.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } })
    else { return nil }
    // A `caseless` field's values are lower-cased, as `TO_LOWER` makes them.
    lowered = lowered || caseless
    if !patterns.isEmpty {
      // A lower-cased value matches an ASCII pattern without capitals exactly when the value matches it ignoring
      // ASCII case; it never matches a capital, and non-ASCII text may fold otherwise.
      if lowered {
        guard patterns.allSatisfy({ $0.source.utf8.allSatisfy { $0 < 0x80 } && $0.source.lowercased() == $0.source })
        else { return nil }
        patterns = patterns.map { WildcardPattern($0.source, escaping: .backslashAny, caseInsensitive: true) }
      }
      field = id
      test = .patterns(WildcardList(patterns))
      self.negated = negated
      return
    }
    // Against a lower-cased value, constants with capitals can never be equal (`=~` folds both sides).
    let reachable = texts.compactMap { text -> String? in
      if ignoringCase { return text.lowercased() }
      return lowered && text.lowercased() != text ? nil : text
    }
    field = id
    test = .constants(ByteStringSet(reachable, foldingCase: lowered))
    self.negated = negated
  }

  /// Whether the condition holds for `event`: for a comparison, when its field has a single ASCII string value
  /// (`nil` otherwise); for a `null` test, always.
  func decide(_ event: Event) -> Bool? {
    switch test {
    case .hasValue:
      let hasValue = event.containsValue(field) { value in
        switch value {
        case .null, .object: false
        default: true
        }
      }
      return hasValue != negated
    case .constants(let constants):
      return decide(event) { constants.contains($0) }
    case .patterns(let patterns):
      return decide(event) { patterns.matches($0) }
    }
  }

  /// Whether `holds` holds for the field's value (`!negated`), when it is a single ASCII string; `nil` otherwise.
  private func decide(_ event: Event, _ holds: (UnsafeRawBufferPointer) -> Bool) -> Bool? {
    var count = 0
    var result: Bool?
    _ = event.containsValue(field) { value in
      count += 1
      guard count == 1, case .string(let span) = value else {
        result = nil
        return true
      }
      result = event.withBytes(span) { bytes in ByteHash.isASCII(bytes) ? holds(bytes) : nil }
      return result == nil
    }
    return result.map { $0 != negated }
  }
}
