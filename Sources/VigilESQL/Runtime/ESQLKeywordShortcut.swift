import VigilEvents
import VigilQuery

/// A condition of an opening `WHERE` that compares a keyword field with constant strings (`event.type == "start"`,
/// `TO_LOWER(process.name) IN ("cmd.exe", "sh")`, `event.action != "fork"`), decided on the event's bytes when the
/// field has one ASCII string value, or that tests whether it has a value at all (`agent.id IS NOT NULL`), decided
/// on every event: the row filter then makes no value for it.
///
/// With ASCII constants, the condition on such a value is a lookup in the constants: texts are equal when their bytes
/// are, and ASCII lower-cases to ASCII. A non-ASCII constant may still equal an ASCII text ignoring case (KELVIN SIGN
/// lower-cases to `k`), so a condition with one has no shortcut. Other values (absent, several, not strings, not
/// ASCII) are left to the evaluator, which decides them as ever (multi-values with a warning).
struct ESQLKeywordShortcut: Sendable {
  let field: FieldID
  /// The constants an ASCII value can equal, folded when `folded` (the value is compared lower-cased); `nil` for
  /// `IS NULL` and `IS NOT NULL`.
  let constants: ByteStringSet?
  /// `!=`, `NOT IN`, `NOT (…)` or `IS NULL`: the condition holds when the value is not among the constants, or
  /// when the field has no value.
  let negated: Bool

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
      constants = nil
      self.negated = notNull == negated
      return
    case .isIn(let value, let items, _, let negatedList):
      for item in items {
        guard case .constant(.string(let text)) = item else { return nil }
        texts.append(text)
      }
      operand = value
      if negatedList { negated.toggle() }
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
    // Against a lower-cased value, constants with capitals can never be equal (`=~` folds both sides).
    let reachable = texts.compactMap { text -> String? in
      if ignoringCase { return text.lowercased() }
      return lowered && text.lowercased() != text ? nil : text
    }
    field = id
    constants = ByteStringSet(reachable, foldingCase: lowered)
    self.negated = negated
  }

  /// Whether the condition holds for `event`: for a comparison, when its field has a single ASCII string value
  /// (`nil` otherwise); for a `null` test, always.
  func decide(_ event: Event) -> Bool? {
    guard let constants else {
      let hasValue = event.containsValue(field) { value in
        switch value {
        case .null, .object: false
        default: true
        }
      }
      return hasValue != negated
    }
    var count = 0
    var member: Bool?
    _ = event.containsValue(field) { value in
      count += 1
      guard count == 1, case .string(let span) = value else {
        member = nil
        return true
      }
      member = event.withBytes(span) { bytes in ByteHash.isASCII(bytes) ? constants.contains(bytes) : nil }
      return member == nil
    }
    return member.map { $0 != negated }
  }
}
