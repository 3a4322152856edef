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
  /// Whether the field is a `caseless` multi-field (`process.name.caseless`): Elasticsearch indexes the parent's
  /// values lower-cased (a `lowercase` normalizer), and lower-cases the terms and patterns of queries on it too, so
  /// that its values match case-insensitively.
  public var isCaseless: Bool

  /// A binding made by hand (``FieldResolver/bind(_:)`` makes them from names): say, a field of a given type that
  /// stands for every field of that type.
  public init(name: String, sourcePath: String, id: FieldID, type: FieldType?, isCaseless: Bool = false) {
    self.name = name
    self.sourcePath = sourcePath
    self.id = id
    self.type = type
    self.isCaseless = isCaseless
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
    if let parent = Self.caselessParent(of: name, schemaName: schemaName) {
      return FieldBinding(name: name, sourcePath: parent, id: catalog.intern(parent), type: .keyword, isCaseless: true)
    }
    let type = FieldTypes.type(of: schemaName)
    var sourcePath = name
    if FieldTypes.multiFieldTypes(of: schemaName).isEmpty, !FieldTypes.isDeclared(schemaName), type != nil,
      let dot = name.lastIndex(of: ".")
    {
      sourcePath = String(name[..<dot])
    }
    return FieldBinding(name: name, sourcePath: sourcePath, id: catalog.intern(sourcePath), type: type)
  }

  /// The parent of a `caseless` multi-field, as Elastic Defend maps one under its keyword and wildcard fields
  /// (`process.name.caseless`, `process.command_line.caseless`): `name` without its last segment, when that is
  /// `caseless`, the schema does not declare `name` itself and declares the parent with a keyword-family type.
  private static func caselessParent(of name: String, schemaName: String) -> String? {
    let suffix = ".caseless"
    guard name.hasSuffix(suffix), !FieldTypes.isDeclared(schemaName),
      FieldTypes.type(of: String(schemaName.dropLast(suffix.count)))?.isKeyword == true
    else { return nil }
    return String(name.dropLast(suffix.count))
  }

  /// The schema's field names that a pattern with `*` wildcards matches (`process.*.name`), sorted.
  public func schemaFields(matching pattern: WildcardPattern) -> [String] {
    FieldTypes.allPaths.filter { pattern.matches($0) }.sorted()
  }
}
