/// The arguments of `FROM`: index patterns and the metadata fields asked for with `METADATA`.
public struct ESQLFrom: Hashable, Sendable {
  /// A source pattern as written (quotes removed), e.g. `logs-endpoint.events.process-*`.
  public struct Source: Hashable, Sendable {
    public var pattern: String
    @ESQLSourceRange public var range: Range<Int>

    public init(pattern: String, range: Range<Int>) {
      self.pattern = pattern
      self.range = range
    }
  }

  public var sources: [Source]
  /// Metadata field names such as `_id`, `_index`, `_version`, in the order written.
  public var metadata: [ESQLNamePattern]

  public init(sources: [Source], metadata: [ESQLNamePattern]) {
    self.sources = sources
    self.metadata = metadata
  }
}
