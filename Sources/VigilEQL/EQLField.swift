/// A reference to an event field, such as `process.name`, `` `my field` `` or `?process.parent.name`.
public struct EQLField: Hashable, Sendable {
  /// The dot-separated parts as written (backquotes removed); a backquoted part may itself contain dots.
  public var segments: [String]
  /// Whether the field was written `?field`: a missing optional field is `null` instead of an error.
  public var isOptional: Bool
  public var range: Range<Int>

  public init(segments: [String], isOptional: Bool = false, range: Range<Int>) {
    self.segments = segments
    self.isOptional = isOptional
    self.range = range
  }

  /// The field path, as Elasticsearch resolves it: the parts joined with `.`.
  public var name: String { segments.joined(separator: ".") }
}
