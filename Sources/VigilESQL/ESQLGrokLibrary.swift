/// The named grok patterns `GROK` can reference (`%{IP:source.ip}`), written for Vigil after the standard
/// Logstash/Elasticsearch definitions, and their expansion into one regular expression.
///
/// The corpus uses `DATA`, `GREEDYDATA`, `INT`, `NOTSPACE`, `URIHOST` and `URIPROTO` (``corpusPatterns``); the rest
/// are the common ones rules are likely to use next. Definitions avoid look-behind, atomic groups and
/// back-references so that a linear-time regex engine can run them; where the standard definition relies on them
/// (`NUMBER`'s look-behind), the match can be slightly wider.
public enum ESQLGrokLibrary {
  /// Pattern names the detection-rules corpus references.
  public static let corpusPatterns: [String] = ["DATA", "GREEDYDATA", "INT", "NOTSPACE", "URIHOST", "URIPROTO"]

  /// Name → definition; definitions may reference other patterns with `%{NAME}` and use only non-capturing groups.
  public static let patterns: [String: String] = [
    // Text.
    "WORD": #"\b\w+\b"#,
    "NOTSPACE": #"\S+"#,
    "SPACE": #"\s*"#,
    "DATA": #".*?"#,
    "GREEDYDATA": #".*"#,
    "QUOTEDSTRING": #""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`"#,
    "QS": "%{QUOTEDSTRING}",
    "UUID": #"[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}"#,
    "USERNAME": #"[a-zA-Z0-9._-]+"#,
    "USER": "%{USERNAME}",
    "EMAILLOCALPART": #"[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*"#,
    "EMAILADDRESS": "%{EMAILLOCALPART}@%{HOSTNAME}",
    // Numbers.
    "INT": #"[+-]?[0-9]+"#,
    "BASE10NUM": #"[+-]?(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"#,
    "NUMBER": "%{BASE10NUM}",
    "BASE16NUM": #"[+-]?(?:0[xX])?[0-9A-Fa-f]+"#,
    "POSINT": #"\b[1-9][0-9]*\b"#,
    "NONNEGINT": #"\b[0-9]+\b"#,
    // Network.
    "IPV4": #"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"#,
    // Alternatives go from the most to the fewest groups after `::`, so the first one that matches is the longest.
    "IPV6": "(?:"
      + #"(?:[0-9A-Fa-f]{1,4}:){6}%{IPV4}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,5}:%{IPV4}"#
      + #"|::(?:[fF]{4}:)?%{IPV4}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"#
      + #"|[0-9A-Fa-f]{1,4}:(?::[0-9A-Fa-f]{1,4}){1,6}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,2}(?::[0-9A-Fa-f]{1,4}){1,5}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,3}(?::[0-9A-Fa-f]{1,4}){1,4}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,4}(?::[0-9A-Fa-f]{1,4}){1,3}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,5}(?::[0-9A-Fa-f]{1,4}){1,2}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}"#
      + #"|(?:[0-9A-Fa-f]{1,4}:){1,7}:"#
      + #"|:(?:(?::[0-9A-Fa-f]{1,4}){1,7}|:)"#
      + ")(?:%[0-9A-Za-z]+)?",
    "IP": "(?:%{IPV6}|%{IPV4})",
    "MAC": #"(?:[A-Fa-f0-9]{2}[:-]){5}[A-Fa-f0-9]{2}|(?:[A-Fa-f0-9]{4}\.){2}[A-Fa-f0-9]{4}"#,
    "HOSTNAME": #"\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*\.?"#,
    "HOST": "%{HOSTNAME}",
    "IPORHOST": "(?:%{IP}|%{HOSTNAME})",
    "HOSTPORT": "%{IPORHOST}:%{POSINT}",
    // URIs and paths.
    "URIPROTO": #"[A-Za-z][A-Za-z0-9+.-]+"#,
    "URIHOST": "%{IPORHOST}(?::%{POSINT})?",
    "URIPATH": #"(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_-]*)+"#,
    "URIQUERY": #"[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\[\]<>-]*"#,
    "URIPARAM": #"\?%{URIQUERY}"#,
    "URIPATHPARAM": "%{URIPATH}(?:%{URIPARAM})?",
    "URI": "%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?",
    "UNIXPATH": #"(?:/[^/\x00]*)+"#,
    "WINPATH": #"(?:[A-Za-z]+:|\\)(?:\\[^\\?*]*)+"#,
    "PATH": "(?:%{UNIXPATH}|%{WINPATH})",
    // Dates and times.
    "YEAR": #"(?:\d\d){1,2}"#,
    "MONTHNUM": "(?:0?[1-9]|1[0-2])",
    "MONTHDAY": "(?:0[1-9]|[12][0-9]|3[01]|[1-9])",
    "HOUR": "(?:2[0123]|[01]?[0-9])",
    "MINUTE": "[0-5][0-9]",
    "SECOND": "(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?",
    "TIME": "%{HOUR}:%{MINUTE}(?::%{SECOND})?",
    "ISO8601_TIMEZONE": "(?:Z|[+-]%{HOUR}(?::?%{MINUTE}))",
    "TIMESTAMP_ISO8601": "%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?",
    "LOGLEVEL": "(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo(?:rmation)?|INFO(?:RMATION)?"
      + "|[Ww]arn(?:ing)?|WARN(?:ING)?|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL"
      + "|[Ss]evere|SEVERE|EMERG(?:ENCY)?|[Ee]merg(?:ency)?)",
  ]

  /// A grok pattern turned into one regular expression whose capturing groups are, in order, ``captures``.
  public struct Expansion: Hashable, Sendable {
    /// One capturing group: the column it fills and the optional conversion (`int`, `long`, `float`, `double`,
    /// `boolean`).
    public struct Capture: Hashable, Sendable {
      public var name: String
      public var type: String?
    }

    /// The regular expression; every group other than the captures is non-capturing.
    public var regex: String
    public var captures: [Capture]
  }

  /// Why a grok pattern cannot be expanded.
  public enum ExpansionError: Error, Hashable, Sendable {
    case unknownPattern(String)
    case recursivePattern(String)
    case unknownType(String)
    case unterminatedReference

    public var message: String {
      switch self {
      case .unknownPattern(let name): "unknown grok pattern %{\(name)}"
      case .recursivePattern(let name): "grok pattern %{\(name)} refers to itself"
      case .unknownType(let type): "unknown grok conversion type '\(type)' (expected int, long, float, double, boolean)"
      case .unterminatedReference: "unterminated %{ in grok pattern"
      }
    }
  }

  /// Expands `%{NAME}`, `%{NAME:field}` and `%{NAME:field:type}` references and `(?<field>…)` groups into one
  /// regular expression with positional captures (field names may hold dots, which regex group names cannot).
  public static func expand(_ pattern: String) throws(ExpansionError) -> Expansion {
    var captures: [Expansion.Capture] = []
    var stack: [String] = []
    let regex = try expand(Array(pattern.unicodeScalars), captures: &captures, stack: &stack, user: true)
    return Expansion(regex: regex, captures: captures)
  }

  private static func expand(
    _ scalars: [Unicode.Scalar], captures: inout [Expansion.Capture], stack: inout [String], user: Bool
  ) throws(ExpansionError) -> String {
    var out = String.UnicodeScalarView()
    var index = 0
    func at(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\" {
        out.append(scalar)
        if let next = at(1) { out.append(next) }
        index += 2
      } else if scalar == "[" {
        // A character class is copied as is: `(` and `%{` mean nothing inside it.
        var end = index + 1
        if end < scalars.count, scalars[end] == "^" { end += 1 }
        if end < scalars.count, scalars[end] == "]" { end += 1 }
        while end < scalars.count, scalars[end] != "]" {
          end += scalars[end] == "\\" ? 2 : 1
        }
        end = min(end + 1, scalars.count)
        out.append(contentsOf: scalars[index..<end])
        index = end
      } else if scalar == "%", at(1) == "{" {
        guard let close = scalars[index...].firstIndex(of: "}") else { throw .unterminatedReference }
        let parts = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
          .split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let name = parts[0]
        guard let definition = patterns[name] else { throw .unknownPattern(name) }
        guard !stack.contains(name) else { throw .recursivePattern(name) }
        let field = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        let type = parts.count > 2 ? parts[2].lowercased() : nil
        if let type, !["int", "long", "float", "double", "boolean"].contains(type) { throw .unknownType(type) }
        if let field { captures.append(.init(name: field, type: type)) }
        stack.append(name)
        let inner = try expand(Array(definition.unicodeScalars), captures: &captures, stack: &stack, user: false)
        stack.removeLast()
        out.append(contentsOf: (field == nil ? "(?:" : "(").unicodeScalars)
        out.append(contentsOf: inner.unicodeScalars)
        out.append(")")
        index = close + 1
      } else if scalar == "(", at(1) == "?", at(2) == "<", let third = at(3), third != "=", third != "!",
        let close = scalars[index...].firstIndex(of: ">")
      {
        let name = String(String.UnicodeScalarView(scalars[(index + 3)..<close]))
        if user { captures.append(.init(name: name, type: nil)) }
        out.append(contentsOf: (user ? "(" : "(?:").unicodeScalars)
        index = close + 1
      } else if scalar == "(", at(1) != "?" {
        out.append(contentsOf: "(?:".unicodeScalars)
        index += 1
      } else {
        out.append(scalar)
        index += 1
      }
    }
    return String(out)
  }
}
