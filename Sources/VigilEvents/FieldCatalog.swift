/// Interns dotted field paths (`process.parent.name`) into ``FieldID``s.
///
/// Build one before decoding: the rules' field paths go in, and the ``EventDecoder`` made from the catalog decodes
/// exactly those fields. A decoder that decodes every field extends its own copy of the catalog as it meets new
/// paths (see ``EventDecoder/catalog``).
public struct FieldCatalog: Sendable {
  private var paths: [String] = []
  private var ids: [String: FieldID] = [:]

  /// An empty catalog.
  public init() {}

  /// A catalog holding `paths`, interned in sorted order so that the same set always gives the same identifiers.
  public init<S: Sequence>(_ paths: S) where S.Element == String {
    for path in paths.sorted() { intern(path) }
  }

  /// The number of interned paths; identifiers run from 0 to `count - 1`.
  public var count: Int { paths.count }

  /// Every interned path, indexed by ``FieldID/index``.
  public var allPaths: [String] { paths }

  /// The identifier of `path`, or `nil` when it was never interned.
  public func id(_ path: String) -> FieldID? { ids[path] }

  /// The identifier of `path`, interning it first when it is new.
  @discardableResult
  public mutating func intern(_ path: String) -> FieldID {
    if let id = ids[path] { return id }
    let id = FieldID(rawValue: UInt32(paths.count))
    paths.append(path)
    ids[path] = id
    return id
  }

  /// The dotted path of `id`.
  public func path(_ id: FieldID) -> String { paths[id.index] }
}
