/// Renders diagnostics the way compilers do: `name:line:col: error: message`, optionally followed by the source
/// line and a caret under the offending range.
public struct DiagnosticRenderer: Sendable {
  /// Whether to print the source line and a caret under the range.
  public var showsSourceLine: Bool

  public init(showsSourceLine: Bool = true) {
    self.showsSourceLine = showsSourceLine
  }

  /// The location a diagnostic points at, or `nil` when it has no range.
  public static func location(of diagnostic: Diagnostic, in source: SourceText) -> SourceLocation? {
    diagnostic.range.map { source.location(ofByte: $0.lowerBound) }
  }

  /// One diagnostic, as one or more lines (no trailing newline).
  public func render(_ diagnostic: Diagnostic, in source: SourceText) -> String {
    let header: String
    let location = Self.location(of: diagnostic, in: source)
    if let location {
      header = "\(source.name):\(location.line):\(location.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    } else {
      header = "\(source.name): \(diagnostic.severity.rawValue): \(diagnostic.message)"
    }
    var lines = [header]
    if showsSourceLine, let location, let range = diagnostic.range {
      let text = source.line(location.line)
      let end = source.location(ofByte: max(range.lowerBound, range.upperBound - 1))
      let width = end.line == location.line ? max(1, end.column - location.column + 1) : 1
      let indent = String(text.unicodeScalars.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " })
      lines.append("    " + text)
      lines.append("    " + indent + "^" + String(repeating: "~", count: width - 1))
    }
    for note in diagnostic.notes {
      lines.append("  note: \(note)")
    }
    return lines.joined(separator: "\n")
  }
}
