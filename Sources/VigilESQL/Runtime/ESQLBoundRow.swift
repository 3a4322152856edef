import VigilEvents
import VigilQuery

/// The shape of the row `FROM` makes of an event from the fields a query reads: the bound fields sorted by name,
/// then the metadata columns (one replaces a field of its name). Every such row has these columns.
struct ESQLBoundRow: Sendable {
  /// Where a column's value comes from (plain values: reading one retains nothing).
  enum Source: Sendable {
    /// A document field: ``FieldBinding/id``, ``FieldBinding/type`` and ``FieldBinding/isCaseless``.
    case field(FieldID, FieldType?, caseless: Bool)
    case metadata(Metadata)
  }

  /// A `METADATA` column.
  enum Metadata: Sendable {
    case id, index, source
    /// One Vigil has no value for (`_version`, `_score`, …): `null`.
    case other

    init(_ name: String) {
      switch name {
      case "_id": self = .id
      case "_index": self = .index
      case "_source": self = .source
      default: self = .other
      }
    }
  }

  let columns: [String]
  /// One per column.
  let sources: [Source]

  /// - Parameter fields: the bound fields, sorted by name, without repeated names.
  init(fields: [FieldBinding], metadata: [String]) {
    var columns = fields.map(\.name)
    var sources = fields.map { Source.field($0.id, $0.type, caseless: $0.isCaseless) }
    for name in metadata {
      if let existing = columns.firstIndex(of: name) {
        columns.remove(at: existing)
        sources.remove(at: existing)
      }
      columns.append(name)
      sources.append(.metadata(Metadata(name)))
    }
    self.columns = columns
    self.sources = sources
  }

  /// Per column `references` names, the source of the first column of that name; `nil` when there is none.
  func sources(of references: ESQLColumnReferences) -> [Source?] {
    references.slots(in: columns).map { $0 < 0 ? nil : sources[$0] }
  }
}
