/// A field a query reads, as collected by ``KQLNode/referencedFields``, so that decoders read only what rules use.
public struct KQLFieldReference: Hashable, Sendable {
  /// The full dotted name (nested prefixes applied). When ``isPattern`` is set, `*` stands for any characters;
  /// free text and the `*` field read every field and are reported as the pattern `*`.
  public var name: String
  /// Whether ``name`` has wildcards (`process.*.name`), so the reference matches many fields.
  public var isPattern: Bool
  /// Whether the field is the path of a nested query (`field:{ … }`): an array of objects read as a whole.
  public var isNestedPath: Bool

  /// A reference to `name`.
  public init(name: String, isPattern: Bool = false, isNestedPath: Bool = false) {
    self.name = name
    self.isPattern = isPattern
    self.isNestedPath = isNestedPath
  }
}
