extension FieldTypes {
  /// Every field path the schema declares.
  public static var allPaths: [String] { Array(table.keys) }

  /// Whether the schema declares `path` itself (not as a multi-field of its parent).
  public static func isDeclared(_ path: String) -> Bool { table[path] != nil }
}
