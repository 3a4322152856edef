/// The field types of ECS and Elastic Defend, compiled into the binary from `../shared/schemas/field-types.tsv` by
/// `scripts/generate-field-types.py` (see `Generated/FieldTypes+Generated.swift`), and parsed once at first use.
public enum FieldTypes {
  struct Entry: Sendable {
    var type: FieldType
    var multiFields: [FieldType]
  }

  static let table: [String: Entry] = {
    var table: [String: Entry] = [:]
    table.reserveCapacity(4096)
    for line in schemaText.utf8.split(separator: UInt8(ascii: "\n")) {
      let columns = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
      guard columns.count >= 2, let type = FieldType(rawValue: String(decoding: columns[1], as: UTF8.self)) else {
        continue
      }
      let multi =
        columns.count > 2
        ? columns[2].split(separator: UInt8(ascii: ",")).compactMap {
          FieldType(rawValue: String(decoding: $0, as: UTF8.self))
        }
        : []
      table[String(decoding: columns[0], as: UTF8.self)] = Entry(type: type, multiFields: multi)
    }
    return table
  }()

  /// The number of fields in the schema.
  public static var count: Int { table.count }

  /// The schema type of `path`. A path one segment below a field with a `text` or `match_only_text` multi-field
  /// (the ECS convention `process.command_line.text`) has that type. `nil` for fields the schema does not know.
  public static func type(of path: String) -> FieldType? {
    if let entry = table[path] { return entry.type }
    guard let dot = path.lastIndex(of: "."), path[path.index(after: dot)...] == "text",
      let parent = table[String(path[..<dot])]
    else { return nil }
    return parent.multiFields.first { $0.isText }
  }

  /// The types of the multi-fields of `path` (for example `[.matchOnlyText]` for `process.command_line`).
  public static func multiFieldTypes(of path: String) -> [FieldType] { table[path]?.multiFields ?? [] }

  /// The type of `path`: the schema's, else the one its value implies (see ``FieldType/inferred(from:)``).
  public static func type(of path: String, value: Value) -> FieldType? {
    type(of: path) ?? FieldType.inferred(from: value)
  }
}
