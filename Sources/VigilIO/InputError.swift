/// A problem with event input that stops reading: a bad line in strict mode, or a source that cannot be read.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The rendered message, `path[:line]: error: …`.
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
