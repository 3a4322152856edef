import VigilEvents

extension FieldTest {
  /// Whether any value of the field satisfies the condition.
  @inlinable
  public func holds(in event: Event) -> Bool {
    event.containsValue(field) { condition.isSatisfied(by: $0, in: event) }
  }
}

extension FieldCondition {
  /// Whether one value satisfies the condition.
  public func isSatisfied(by value: Value, in event: Event) -> Bool {
    switch self {
    case .exists:
      return !value.isNull
    case .keywordIn(let set):
      return Self.withKeywordText(value, in: event) { set.contains($0) } ?? false
    case .keywordRange(let interval):
      return Self.withKeywordText(value, in: event) { interval.contains(bytes: $0) } ?? false
    case .number(let interval):
      guard let number = Number.from(value, in: event) else { return false }
      return interval.contains(number)
    case .date(let interval):
      guard let nanoseconds = event.timestampNanoseconds(value) else { return false }
      return interval.contains(nanoseconds)
    case .boolean(let expected):
      switch value {
      case .bool(let actual): return actual == expected
      case .string(let span):
        let text = event.bytes(span)
        return text.elementsEqual((expected ? "true" : "false").utf8)
      default: return false
      }
    case .ipIn(let blocks):
      guard case .string(let span) = value,
        let address = event.withBytes(span, { IPAddress.parse($0) })
      else { return false }
      return blocks.contains { $0.contains(address) }
    case .ipRange(let interval):
      guard case .string(let span) = value,
        let address = event.withBytes(span, { IPAddress.parse($0) })
      else { return false }
      return interval.contains(address)
    case .wildcard(let pattern):
      return Self.withKeywordText(value, in: event) { pattern.matches($0) } ?? false
    case .wildcards(let list):
      return Self.withKeywordText(value, in: event) { list.matches($0) } ?? false
    case .nested(let query):
      guard case .object(let span) = value else { return false }
      return event.withBytes(span) { query.matches($0) }
    case .regex(let regex):
      return Self.withKeywordText(value, in: event) { regex.matches($0) } ?? false
    case .text(let query):
      guard case .string(let span) = value else { return false }
      return event.withBytes(span) { query.matches($0) }
    case .dynamic(let match):
      return match.isSatisfied(by: value, in: event)
    }
  }

  /// Calls `body` with the text a keyword field indexes for `value`: a string's bytes, a number's or boolean's JSON
  /// text; `nil` for `null` and objects.
  @inlinable
  public static func withKeywordText<R>(
    _ value: Value, in event: Event, _ body: (UnsafeRawBufferPointer) -> R
  ) -> R? {
    switch value {
    case .string(let span), .number(let span):
      return event.withBytes(span, body)
    case .int(let int):
      var text = String(int)
      return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    case .double(let double):
      var text = String(double)
      return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    case .bool(let bool):
      var text = bool ? "true" : "false"
      return text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    case .null, .object:
      return nil
    }
  }
}

extension DynamicMatch {
  /// Whether one value, of whatever JSON type, matches.
  func isSatisfied(by value: Value, in event: Event) -> Bool {
    switch value {
    case .string(let span): return event.withBytes(span) { keywords.contains($0) }
    case .int(let int): return number == .int(int)
    case .double(let double): return number == .double(double)
    case .bool(let bool): return boolean == bool
    case .number, .null, .object: return false
    }
  }
}

extension Interval where Limit == ByteString {
  /// Whether bytes fall in the range, in unsigned byte order, without copying them.
  func contains(bytes: UnsafeRawBufferPointer) -> Bool {
    if let lower {
      let order = ByteString.compare(bytes, lower.value.bytes)
      if order < 0 || (order == 0 && !lower.isInclusive) { return false }
    }
    if let upper {
      let order = ByteString.compare(bytes, upper.value.bytes)
      if order > 0 || (order == 0 && !upper.isInclusive) { return false }
    }
    return true
  }
}

extension ByteString {
  /// -1, 0 or 1 as `lhs` sorts before, with, or after `rhs`.
  static func compare(_ lhs: UnsafeRawBufferPointer, _ rhs: [UInt8]) -> Int {
    let shared = min(lhs.count, rhs.count)
    for index in 0..<shared where lhs[index] != rhs[index] {
      return lhs[index] < rhs[index] ? -1 : 1
    }
    return lhs.count == rhs.count ? 0 : lhs.count < rhs.count ? -1 : 1
  }
}

/// A ``FieldTest`` in a cell of its own: programs keep their tests in cells so that evaluating one reads its
/// matchers in place. The common conditions are unpacked into stored properties, because matching on the
/// condition's enum payload would copy (retain and release) the matcher on every value.
@usableFromInline
final class FieldTestCell: Sendable {
  enum Kind {
    case exists, keywordIn, wildcard, wildcards, regex, dynamic, other
  }

  let test: FieldTest
  let field: FieldID
  let kind: Kind
  let keywords: ByteStringSet
  let pattern: WildcardPattern
  let patterns: WildcardList
  let regex: LuceneRegex?
  let dynamic: DynamicMatch?

  init(_ test: FieldTest) {
    self.test = test
    field = test.field
    var keywords = ByteStringSet([String]())
    var pattern = WildcardPattern("")
    var patterns = WildcardList(empty: ())
    var regex: LuceneRegex?
    var dynamic: DynamicMatch?
    switch test.condition {
    case .exists: kind = .exists
    case .keywordIn(let set):
      kind = .keywordIn
      keywords = set
    case .wildcard(let single):
      kind = .wildcard
      pattern = single
    case .wildcards(let list):
      kind = .wildcards
      patterns = list
    case .regex(let expression):
      kind = .regex
      regex = expression
    case .dynamic(let match):
      kind = .dynamic
      dynamic = match
    default: kind = .other
    }
    self.keywords = keywords
    self.pattern = pattern
    self.patterns = patterns
    self.regex = regex
    self.dynamic = dynamic
  }

  func holds(in event: Event) -> Bool {
    switch kind {
    case .exists:
      return event.containsValue(field) { !$0.isNull }
    case .keywordIn:
      return Self.someKeywordText(of: field, in: event, matches: keywords)
    case .wildcard:
      return Self.someKeywordText(of: field, in: event, matches: pattern)
    case .wildcards:
      return Self.someKeywordText(of: field, in: event, matches: patterns)
    case .regex:
      return Self.someKeywordText(of: field, in: event, matches: regex!)
    case .dynamic:
      return event.containsValue(field) { self.dynamic!.isSatisfied(by: $0, in: event) }
    case .other:
      return test.holds(in: event)
    }
  }

  /// Whether the keyword text of some value of `field` matches. The matcher is borrowed from the cell: closures
  /// that captured the cell retained it, and the cells are shared by the scan's threads, so each retain moved the
  /// cell's cache line from one core to the other.
  private static func someKeywordText<Matcher: KeywordTextMatcher>(
    of field: FieldID, in event: Event, matches matcher: Matcher
  ) -> Bool {
    event.containsValue(field) { value in
      FieldCondition.withKeywordText(value, in: event) { matcher.matches($0) } ?? false
    }
  }
}

/// A test of a keyword text's UTF-8 bytes.
protocol KeywordTextMatcher {
  func matches(_ text: UnsafeRawBufferPointer) -> Bool
}

extension ByteStringSet: KeywordTextMatcher {
  func matches(_ text: UnsafeRawBufferPointer) -> Bool { contains(text) }
}

extension WildcardPattern: KeywordTextMatcher {}
extension WildcardList: KeywordTextMatcher {}
extension LuceneRegex: KeywordTextMatcher {}
