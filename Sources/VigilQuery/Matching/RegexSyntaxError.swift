/// Why a regular expression was rejected, with the UTF-8 byte offset in the pattern to put a caret under.
///
/// Covers both syntax errors (Lucene's `IllegalArgumentException` cases) and patterns whose automaton would be too
/// large (Lucene's `TooComplexToDeterminizeException`).
public struct RegexSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, in Lucene's words where Lucene has them.
  public let message: String
  /// UTF-8 byte offset into the pattern where the problem was found.
  public let offset: Int

  public init(_ message: String, offset: Int) {
    self.message = message
    self.offset = offset
  }

  public var description: String { "\(message) at offset \(offset)" }
}
