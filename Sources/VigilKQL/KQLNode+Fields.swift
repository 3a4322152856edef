extension KQLNode {
  /// The fields this node reads, each once, in order of first use. Field names inside `field:{ … }` are joined to
  /// the nested path (`a:{ b:x }` reads `a`, as a nested path, and `a.b`). Wildcards in field names stay
  /// patterns; free text and the field `*` read every field, reported as the pattern `*`.
  public var referencedFields: [KQLFieldReference] {
    var collector = Collector()
    collector.visit(self, prefix: "")
    return collector.references
  }

  private struct Collector {
    var references: [KQLFieldReference] = []
    var seen: Set<KQLFieldReference> = []

    mutating func visit(_ node: KQLNode, prefix: String) {
      switch node.kind {
      case .matchAll:
        break
      case .or(let items), .and(let items):
        for item in items { visit(item, prefix: prefix) }
      case .not(let item):
        visit(item, prefix: prefix)
      case .match(let field, _):
        add(field, prefix: prefix, nested: false)
      case .range(let field, _, _):
        add(field, prefix: prefix, nested: false)
      case .nested(let field, let query):
        add(field, prefix: prefix, nested: true)
        visit(query, prefix: prefix + field.text + ".")
      }
    }

    mutating func add(_ field: KQLLiteral?, prefix: String, nested: Bool) {
      let reference: KQLFieldReference
      if let field, !field.isNoField, !field.isLoneWildcard || !prefix.isEmpty {
        let isPattern = !field.isQuoted && field.hasWildcard
        reference = KQLFieldReference(name: prefix + field.text, isPattern: isPattern, isNestedPath: nested)
      } else {
        reference = KQLFieldReference(name: "*", isPattern: true)
      }
      if seen.insert(reference).inserted { references.append(reference) }
    }
  }
}
