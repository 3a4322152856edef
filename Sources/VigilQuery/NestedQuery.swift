import VigilEvents

/// A query that must hold within one object of an array of objects (Elasticsearch `nested`, KQL `field:{ … }`):
/// each object value of the field is decoded on its own and the inner predicate evaluated on it.
public struct NestedQuery: Hashable, Sendable {
  /// The inner query's fields, relative to the nested path.
  public let catalog: FieldCatalog
  public let program: PredicateProgram

  public init(catalog: FieldCatalog, predicate: Predicate) {
    self.catalog = catalog
    program = PredicateProgram(predicate)
  }

  /// Whether an object's JSON text satisfies the inner query.
  func matches(_ object: UnsafeRawBufferPointer) -> Bool {
    guard let event = try? EventDecoder(catalog: catalog).decode(Array(object)) else { return false }
    return program.evaluate(event)
  }

  public static func == (lhs: NestedQuery, rhs: NestedQuery) -> Bool {
    lhs.catalog.allPaths == rhs.catalog.allPaths && lhs.program.predicate == rhs.program.predicate
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(catalog.allPaths)
    hasher.combine(program.predicate)
  }
}
