/// A parsed KQL query: its text and its syntax tree.
public struct KQLQuery: Hashable, Sendable {
  /// The text the query was parsed from; node ranges are byte offsets into its UTF-8 form.
  public var text: String
  public var root: KQLNode

  /// A query from its text and the tree parsed from it.
  public init(text: String, root: KQLNode) {
    self.text = text
    self.root = root
  }

  /// The fields the query reads, in order of first use (see ``KQLNode/referencedFields``).
  public var referencedFields: [KQLFieldReference] { root.referencedFields }
}
