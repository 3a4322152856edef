/// A problem found in a source, kept as data and rendered late (see ``DiagnosticRenderer``).
///
/// The position is a byte range into the ``SourceText`` the diagnostic was found in. Front ends that parse text
/// embedded in a larger file (a query inside a rule's TOML) report offsets relative to the embedded text and the
/// caller moves them with ``shifted(by:)``.
public struct Diagnostic: Hashable, Sendable {
  /// How bad a diagnostic is.
  public enum Severity: String, Hashable, Sendable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
      switch self {
      case .error: 2
      case .warning: 1
      case .note: 0
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  /// A stable identifier of the kind of problem (for example `rule.missing-key`), for tests and tooling.
  public var id: String
  public var severity: Severity
  public var message: String
  /// Byte range in the source; `nil` when the problem concerns the source as a whole.
  public var range: Range<Int>?
  /// Further explanation shown under the message.
  public var notes: [String]

  public init(
    id: String, severity: Severity = .error, message: String, range: Range<Int>? = nil, notes: [String] = []
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.range = range
    self.notes = notes
  }

  /// A convenience for the common case of an error.
  public static func error(_ id: String, _ message: String, at range: Range<Int>? = nil) -> Diagnostic {
    Diagnostic(id: id, severity: .error, message: message, range: range)
  }

  /// A convenience for a warning.
  public static func warning(_ id: String, _ message: String, at range: Range<Int>? = nil) -> Diagnostic {
    Diagnostic(id: id, severity: .warning, message: message, range: range)
  }

  /// The same diagnostic with its range moved by `offset` bytes.
  public func shifted(by offset: Int) -> Diagnostic {
    var copy = self
    if let range { copy.range = (range.lowerBound + offset)..<(range.upperBound + offset) }
    return copy
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
