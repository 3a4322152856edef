/// A compiled glob: `*` matches any run of characters, `?` exactly one Unicode scalar, everything else itself.
///
/// Patterns are classified once into a ``Shape`` so the common cases (exact, prefix, suffix, contains) run as plain
/// byte comparisons. The general case matches the `*`-separated segments greedily, leftmost first, which is correct
/// for globs and linear in the input for a fixed pattern: there is no backtracking.
///
/// Case-insensitive patterns are folded once at compile time (``CaseFolding``); the input is folded on the fly.
public struct WildcardPattern: Sendable, Hashable {
  /// How a backslash in the pattern text is read; KQL, EQL and Elasticsearch query strings differ.
  public enum Escaping: Sendable, Hashable {
    /// Backslash is an ordinary character.
    case none
    /// Backslash makes the next character literal, whatever it is; a trailing lone backslash is literal.
    case backslashAny
    /// Only `\*`, `\?` and `\\` are escapes; a backslash before anything else is kept as a literal backslash.
    case backslashSpecial
  }

  /// The fast path a pattern was classified into.
  public enum Shape: Sendable, Hashable {
    /// No wildcard: the input must equal the literal.
    case exact
    /// `abc*`.
    case prefix
    /// `*abc`.
    case suffix
    /// `*abc*`.
    case contains
    /// `abc*xyz`.
    case prefixSuffix
    /// Only `*`s: matches every input, the empty string included.
    case matchAll
    /// Anything else: `?` anywhere, or several inner segments.
    case general
  }

  /// The pattern text as given.
  public let source: String
  /// Whether matching ignores case.
  public let caseInsensitive: Bool
  /// The fast path this pattern runs on.
  public let shape: Shape
  /// The literal segments between `*`s; the first is anchored at the start unless the pattern starts with `*`, the
  /// last at the end unless it ends with `*`.
  @usableFromInline let segments: [WildcardSegment]
  /// Whether the pattern has at least one `*`.
  @usableFromInline let hasStar: Bool
  /// The segments laid out for the general case.
  @usableFromInline let program: WildcardProgram
  /// The UTF-8 (folded when case-insensitive) literal of `.exact`, `.prefix`, `.suffix` and `.contains` patterns,
  /// kept at top level so the fast paths read it without copying a segment.
  @usableFromInline let literalBytes: [UInt8]

  /// Compiles `pattern`.
  ///
  /// - Parameters:
  ///   - pattern: the glob text, already unescaped from its query-language string literal.
  ///   - escaping: how backslashes in `pattern` are read.
  ///   - caseInsensitive: fold both sides with Unicode simple lower-case mapping.
  ///   - questionMarkWildcard: whether `?` stands for one scalar (EQL `like`/`:`, ES|QL `LIKE`, the `wildcard`
  ///     query); pass `false` where only `*` is a wildcard (KQL).
  public init(
    _ pattern: String, escaping: Escaping = .backslashAny, caseInsensitive: Bool = false,
    questionMarkWildcard: Bool = true
  ) {
    let key = CompiledKey(
      pattern: pattern, escaping: escaping, caseInsensitive: caseInsensitive, questionMarkWildcard: questionMarkWildcard
    )
    self = Self.compiled.value(for: key) {
      WildcardPattern(
        compiling: pattern, escaping: escaping, caseInsensitive: caseInsensitive,
        questionMarkWildcard: questionMarkWildcard)
    }
  }

  private struct CompiledKey: Hashable {
    var pattern: String
    var escaping: Escaping
    var caseInsensitive: Bool
    var questionMarkWildcard: Bool
  }

  /// Patterns compiled so far: building one costs a few microseconds, and index patterns repeat in every rule.
  private static let compiled = CompiledCache<CompiledKey, WildcardPattern>()

  private init(compiling pattern: String, escaping: Escaping, caseInsensitive: Bool, questionMarkWildcard: Bool) {
    source = pattern
    self.caseInsensitive = caseInsensitive
    var tokens: [WildcardToken] = []
    var pendingEscape = false
    for scalar in pattern.unicodeScalars {
      let v = scalar.value
      if pendingEscape {
        pendingEscape = false
        if escaping == .backslashSpecial && v != 0x2A && v != 0x3F && v != 0x5C { tokens.append(.literal(0x5C)) }
        tokens.append(.literal(v))
        continue
      }
      switch v {
      case 0x5C where escaping != .none: pendingEscape = true
      case 0x2A: if tokens.last != .star { tokens.append(.star) }
      case 0x3F where questionMarkWildcard: tokens.append(.anyScalar)
      default: tokens.append(.literal(v))
      }
    }
    if pendingEscape { tokens.append(.literal(0x5C)) }

    var segments: [WildcardSegment] = []
    var current: [UInt32] = []
    var hasStar = false
    for token in tokens {
      switch token {
      case .star:
        hasStar = true
        segments.append(WildcardSegment(current, caseInsensitive: caseInsensitive))
        current = []
      case .anyScalar: current.append(WildcardSegment.anyScalar)
      case .literal(let v): current.append(caseInsensitive ? CaseFolding.lowercase(v) : v)
      }
    }
    segments.append(WildcardSegment(current, caseInsensitive: caseInsensitive))
    // Keep the anchored ends; drop empty inner segments (they cannot come from `**`, but stay safe).
    if segments.count > 2 {
      let inner = segments[1..<(segments.count - 1)].filter { !$0.elements.isEmpty }
      segments = [segments[0]] + inner + [segments[segments.count - 1]]
    }
    self.segments = segments
    self.hasStar = hasStar
    program = WildcardProgram(segments, hasStar: hasStar)
    let shape = Self.classify(segments, hasStar: hasStar)
    self.shape = shape
    switch shape {
    case .exact, .prefix: literalBytes = segments[0].bytes
    case .suffix: literalBytes = segments[segments.count - 1].bytes
    case .contains: literalBytes = segments[1].bytes
    default: literalBytes = []
    }
  }

  private static func classify(_ segments: [WildcardSegment], hasStar: Bool) -> Shape {
    if segments.contains(where: \.hasAnyScalar) { return .general }
    guard hasStar else { return .exact }
    let first = !segments[0].elements.isEmpty
    let last = !segments[segments.count - 1].elements.isEmpty
    let inner = segments.count - 2
    switch (first, inner, last) {
    case (false, 0, false): return .matchAll
    case (true, 0, false): return .prefix
    case (false, 0, true): return .suffix
    case (false, 1, false): return .contains
    case (true, 0, true): return .prefixSuffix
    default: return .general
    }
  }

  /// The literal text of an `.exact`, `.prefix`, `.suffix` or `.contains` pattern (folded when case-insensitive),
  /// for indexes that route on it; `nil` for other shapes.
  public var literal: String? {
    switch shape {
    case .exact, .prefix, .suffix, .contains: String(decoding: literalBytes, as: UTF8.self)
    default: nil
    }
  }

  public static func == (a: WildcardPattern, b: WildcardPattern) -> Bool {
    a.source == b.source && a.caseInsensitive == b.caseInsensitive && a.segments == b.segments
      && a.hasStar == b.hasStar
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(source)
    hasher.combine(caseInsensitive)
  }
}

enum WildcardToken: Equatable {
  case star
  case anyScalar
  case literal(UInt32)
}

/// A run of literal scalars and `?`s between two `*`s.
@usableFromInline
struct WildcardSegment: Sendable, Hashable {
  /// Marks a `?` in `elements`.
  @usableFromInline static let anyScalar: UInt32 = .max

  /// Scalars (folded when case-insensitive), with `anyScalar` for `?`.
  @usableFromInline let elements: [UInt32]
  /// UTF-8 of `elements` when there is no `?` (used by the byte-wise fast paths).
  @usableFromInline let bytes: [UInt8]
  @usableFromInline let hasAnyScalar: Bool
  /// Whether byte comparison is exact for this segment: case-sensitive and no `?`.
  @usableFromInline let isPlainBytes: Bool
  /// Case-insensitive, no `?`, all ASCII: compared byte-wise against lower-cased ASCII input, falling back to the
  /// scalar path only where the input has a non-ASCII byte (which may fold to ASCII, like U+212A KELVIN SIGN).
  @usableFromInline let isFoldedASCII: Bool

  init(_ elements: [UInt32], caseInsensitive: Bool) {
    self.elements = elements
    hasAnyScalar = elements.contains(Self.anyScalar)
    var bytes: [UInt8] = []
    if !hasAnyScalar { for e in elements { UTF8Scalars.encode(e, into: &bytes) } }
    self.bytes = bytes
    isPlainBytes = !hasAnyScalar && !caseInsensitive
    isFoldedASCII = !hasAnyScalar && caseInsensitive && bytes.allSatisfy { $0 < 0x80 }
  }
}

extension WildcardPattern {
  /// The longest run of literal bytes (folded when case-insensitive) that every input this pattern matches
  /// contains, for prefilters; `nil` for a pattern of only wildcards.
  var requiredLiteral: [UInt8]? {
    var longest: [UInt8] = []
    for segment in segments {
      var run: [UInt8] = []
      for element in segment.elements + [WildcardSegment.anyScalar] {
        if element == WildcardSegment.anyScalar {
          if run.count > longest.count { longest = run }
          run = []
        } else {
          UTF8Scalars.encode(element, into: &run)
        }
      }
    }
    return longest.isEmpty ? nil : longest
  }
}

extension WildcardPattern {
  /// `text` as pattern text that matches it literally under ``Escaping/backslashAny`` (or
  /// ``Escaping/backslashSpecial``): `*`, `?` and `\` escaped.
  public static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      if character == "*" || character == "?" || character == "\\" { result.append("\\") }
      result.append(character)
    }
    return result
  }
}
