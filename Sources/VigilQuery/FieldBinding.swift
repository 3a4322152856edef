import VigilEvents

/// A field as a query names it, resolved for evaluation: the interned id of the document path that holds its
/// values, and the Elasticsearch type that decides how values match.
public struct FieldBinding: Hashable, Sendable {
  /// The name as written in the query (`process.command_line.text`).
  public var name: String
  /// The document path the values are read from (`process.command_line`: a multi-field reads its parent's value).
  public var sourcePath: String
  public var id: FieldID
  /// The schema type; `nil` for a field the schema does not know, which then matches by its JSON values' types.
  public var type: FieldType?

  /// A binding made by hand (``FieldResolver/bind(_:)`` makes them from names): say, a field of a given type that
  /// stands for every field of that type.
  public init(name: String, sourcePath: String, id: FieldID, type: FieldType?) {
    self.name = name
    self.sourcePath = sourcePath
    self.id = id
    self.type = type
  }
}

/// Resolves field names for the lowerings of every query language, interning document paths into one catalog so
/// that the decoder reads exactly the fields compiled queries use.
public struct FieldResolver: Sendable {
  public private(set) var catalog: FieldCatalog
  /// Prepended to names to find their schema types: the path of a nested query, whose fields are relative to it.
  public let typePrefix: String

  public init(catalog: FieldCatalog = FieldCatalog(), typePrefix: String = "") {
    self.catalog = catalog
    self.typePrefix = typePrefix
  }

  /// Binds `name`, interning its source path.
  public mutating func bind(_ name: String) -> FieldBinding {
    let schemaName = typePrefix + name
    let type = FieldTypes.type(of: schemaName)
    var sourcePath = name
    if FieldTypes.multiFieldTypes(of: schemaName).isEmpty, !FieldTypes.isDeclared(schemaName), type != nil,
      let dot = name.lastIndex(of: ".")
    {
      sourcePath = String(name[..<dot])
    }
    return FieldBinding(name: name, sourcePath: sourcePath, id: catalog.intern(sourcePath), type: type)
  }

  /// The schema's field names that a pattern with `*` wildcards matches (`process.*.name`), sorted.
  public func schemaFields(matching pattern: WildcardPattern) -> [String] {
    FieldTypes.allPaths.filter { pattern.matches($0) }.sorted()
  }
}
