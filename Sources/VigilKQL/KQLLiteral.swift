/// A field name or a value as written in a KQL query, unescaped, with where it came from.
///
/// Kibana's grammar uses the same literal rule for field names and values, so Vigil does too. A literal is either
/// quoted (`"a b"`: a phrase, matched exactly, `*` is an ordinary character) or unquoted (`a*b`: escapes resolved,
/// every unescaped `*` is a wildcard, surrounding whitespace trimmed). `?` is never a wildcard in KQL.
public struct KQLLiteral: Hashable, Sendable {
  /// One piece of a literal: text with all escapes resolved, or a wildcard (an unescaped `*`).
  public enum Part: Hashable, Sendable {
    /// Text to match as is (never empty).
    case text(String)
    /// Any run of characters, possibly empty.
    case wildcard
  }

  /// The literal's pieces, unescaped. Adjacent text is merged and no text part is empty; a quoted literal has at
  /// most one part, never a wildcard. The empty literal (`""`) has no parts.
  public var parts: [Part]
  /// Whether the literal was written in double quotes.
  public var isQuoted: Bool
  /// The literal exactly as written (quotes and backslashes included, unescaped surrounding whitespace excluded).
  public var raw: String
  /// Byte range of ``raw`` in the query text.
  public var range: Range<Int>

  /// A literal from its pieces (normalised: empty text dropped, adjacent text merged).
  public init(parts: [Part], isQuoted: Bool, raw: String, range: Range<Int>) {
    self.parts = Self.normalized(parts)
    self.isQuoted = isQuoted
    self.raw = raw
    self.range = range
  }

  /// A literal built from text alone (for tests and synthesised queries); `*` in an unquoted `text` is a wildcard.
  public init(_ text: String, quoted: Bool = false) {
    var parts: [Part] = []
    if quoted {
      parts = [.text(text)]
    } else {
      for (index, piece) in text.split(separator: "*", omittingEmptySubsequences: false).enumerated() {
        if index > 0 { parts.append(.wildcard) }
        parts.append(.text(String(piece)))
      }
    }
    self.init(parts: parts, isQuoted: quoted, raw: "", range: 0..<0)
  }

  /// The unescaped text, with each wildcard shown as `*` (so `a\*` and `a*` both read `a*`; see ``parts``).
  public var text: String {
    var result = ""
    for part in parts {
      switch part {
      case .text(let text): result += text
      case .wildcard: result += "*"
      }
    }
    return result
  }

  /// Whether the literal has at least one wildcard.
  public var hasWildcard: Bool { parts.contains(.wildcard) }

  /// Whether the literal is a single unquoted `*`: as a value it means "the field exists", as a field "any field".
  public var isLoneWildcard: Bool { parts == [.wildcard] }

  /// The keyword value of an unquoted literal without wildcards: Kibana reads `true`, `false` and `null` as a
  /// boolean or null rather than as text.
  public var keywordValue: KeywordValue? {
    guard !isQuoted, parts.count == 1, case .text(let text) = parts[0] else { return nil }
    return KeywordValue(rawValue: text)
  }

  /// Whether, as a field name, Kibana reads this literal as "no field" (free text): the unquoted word `null`.
  public var isNoField: Bool { keywordValue == .null }

  /// The unquoted words Kibana reads as something other than text.
  public enum KeywordValue: String, Hashable, Sendable {
    case `true`
    case `false`
    case null
  }

  private static func normalized(_ parts: [Part]) -> [Part] {
    var result: [Part] = []
    for part in parts {
      switch part {
      case .text(let text) where text.isEmpty:
        continue
      case .text(let text):
        if case .text(let previous)? = result.last {
          result[result.count - 1] = .text(previous + text)
        } else {
          result.append(part)
        }
      case .wildcard:
        result.append(part)
      }
    }
    return result
  }
}
