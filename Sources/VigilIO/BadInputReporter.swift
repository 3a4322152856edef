#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The policy for bad input: each problem is rendered as `path:line: error: message`, the first ``limit`` are
/// printed on standard error, all are counted, and reading goes on, unless ``strict`` makes the first one fatal.
///
/// Commands that read events share one reporter (the `--strict` flag sets ``strict``) and print ``summary`` at the
/// end.
public struct BadInputReporter: Sendable {
  /// Whether any problem stops reading.
  public var strict: Bool
  /// How many problems are printed; the rest are only counted.
  public var limit: Int
  /// Whether problems are printed on standard error (tests turn this off and read ``shown``).
  public var printsToStandardError: Bool
  /// Malformed lines or documents skipped.
  public private(set) var badDocuments = 0
  /// Sources (files, streams) that could not be read, wholly or partly.
  public private(set) var failedSources = 0
  /// The first ``limit`` messages.
  public private(set) var shown: [String] = []

  public init(strict: Bool = false, limit: Int = 20, printsToStandardError: Bool = true) {
    self.strict = strict
    self.limit = limit
    self.printsToStandardError = printsToStandardError
  }

  /// Whether any problem was reported.
  public var hasProblems: Bool { badDocuments + failedSources > 0 }

  /// Reports a document that could not be decoded; throws when ``strict``.
  public mutating func badDocument(path: String, line: Int, message: String) throws(InputError) {
    badDocuments += 1
    try report("\(path):\(line): error: \(message)")
  }

  /// Reports a source that could not be read (missing, unreadable, truncated); throws when ``strict``.
  public mutating func failedSource(path: String, line: Int? = nil, message: String) throws(InputError) {
    failedSources += 1
    try report(line.map { "\(path):\($0): error: \(message)" } ?? "\(path): error: \(message)")
  }

  /// Reports the source failures `other` recorded without printing them (a reader on another thread): each is
  /// counted and shown here as if reported here; throws when ``strict``.
  public mutating func relayFailedSources(of other: BadInputReporter) throws(InputError) {
    for message in other.shown.prefix(other.failedSources) {
      failedSources += 1
      try report(message)
    }
  }

  /// A closing line for standard error when there were problems, such as
  /// `vigil: 57 bad documents skipped (37 not shown), 1 source failed`.
  public var summary: String? {
    guard hasProblems else { return nil }
    var parts: [String] = []
    if badDocuments > 0 { parts.append("\(badDocuments) bad document\(badDocuments == 1 ? "" : "s") skipped") }
    let hidden = badDocuments + failedSources - shown.count
    if hidden > 0 { parts[parts.count - 1] += " (\(hidden) not shown)" }
    if failedSources > 0 { parts.append("\(failedSources) source\(failedSources == 1 ? "" : "s") failed") }
    return "vigil: " + parts.joined(separator: ", ")
  }

  private mutating func report(_ message: String) throws(InputError) {
    if strict { throw InputError(message) }
    guard shown.count < limit else { return }
    shown.append(message)
    if printsToStandardError { Self.printError(message) }
  }

  /// Writes one line to standard error.
  public static func printError(_ line: String) {
    var text = line
    text.append("\n")
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
  }
}
